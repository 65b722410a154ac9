'use strict'

const GROUP = { pre: 0, undefined: 1, post: 2 }

/** Stable sort: pre plugins, normal plugins, post plugins. */
function sortPlugins(plugins) {
  return plugins
    .map((p, i) => ({ p, i }))
    .sort((a, b) => GROUP[a.p.enforce] - GROUP[b.p.enforce] || a.i - b.i)
    .map((x) => x.p)
}

class PluginDriver {
  constructor(plugins = []) {
    this.plugins = sortPlugins(plugins.filter(Boolean))
  }

  /** First non-null result wins. Result must be a string or an object with `id`. */
  async runResolveId(source, importer) {
    for (const plugin of this.plugins) {
      if (!plugin.resolveId) continue
      const result = await plugin.resolveId(source, importer)
      if (result == null) continue
      if (typeof result === 'string') return { id: result }
      if (typeof result !== 'object' || typeof result.id !== 'string') {
        throw new Error(`Plugin "${plugin.name}" returned an invalid resolveId result: ${JSON.stringify(result)}`)
      }
      return result
    }
    return null
  }

  async runLoad(id) {
    for (const plugin of this.plugins) {
      if (!plugin.load) continue
      const result = await plugin.load(id)
      if (result != null) return typeof result === 'string' ? { code: result } : result
    }
    return null
  }

  /**
   * Chain transform hooks. A hook returns a string, `{ code, map }`,
   * or null/undefined to leave the code unchanged.
   */
  async runTransform(code, id) {
    let current = code
    const maps = []
    for (const plugin of this.plugins) {
      if (!plugin.transform) continue
      const result = await plugin.transform(current, id)
      if (result === undefined) continue
      if (typeof result === 'string' || result === null) {
        current = result ?? ''
      } else {
        current = result.code
        if (result.map) maps.push(result.map)
      }
    }
    return { code: current, maps }
  }
}

module.exports = { PluginDriver, sortPlugins }
