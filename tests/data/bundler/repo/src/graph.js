'use strict'
const fs = require('node:fs')
const path = require('node:path')
const acorn = require('acorn')
const { resolve, resolveEntry } = require('./resolve.js')

function sortModules(ids, root) {
  return [...ids].sort((a, b) => path.relative(root, a).localeCompare(path.relative(root, b)))
}

async function buildGraph(config, driver, transform) {
  const root = path.resolve(config.root)
  const entry = resolveEntry(config.entry || './src', root)
  const modules = new Map()
  const dynamicImports = new Set()
  const queue = [entry.id]
  while (queue.length) {
    const id = queue.shift()
    if (modules.has(id)) continue
    const loaded = (await driver.runLoad(id)) || { code: fs.readFileSync(id, 'utf8') }
    const { code } = await driver.runTransform(await transform(loaded.code, id), id)
    const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true })
    const staticDeps = []
    for (const node of ast.body) {
      if ((node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') && node.source) {
        const r = (await driver.runResolveId(node.source.value, id))?.id || resolve(node.source.value, id, config.resolve)
        if (r) {
          staticDeps.push(r)
          queue.push(r)
        }
      }
    }
    modules.set(id, { id, code, staticDeps, exports: {}, starExports: [] })
  }
  const ordered = new Map(sortModules(modules.keys(), root).map((id) => [id, modules.get(id)]))
  return { root, entry: entry.id, modules: ordered, dynamicImports: [...dynamicImports] }
}

module.exports = { buildGraph, sortModules }
