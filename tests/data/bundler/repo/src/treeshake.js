'use strict'
const fs = require('node:fs')
const path = require('node:path')
const picomatch = require('picomatch')

const pkgCache = new Map()

function findPackage(file) {
  let dir = path.dirname(file)
  while (true) {
    if (pkgCache.has(dir)) return pkgCache.get(dir)
    const pj = path.join(dir, 'package.json')
    if (fs.existsSync(pj)) {
      const info = { dir, json: JSON.parse(fs.readFileSync(pj, 'utf8')) }
      pkgCache.set(dir, info)
      return info
    }
    const parent = path.dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}

/**
 * Does importing `file` have side effects, according to the nearest package.json
 * "sideEffects" field? Missing field => true.
 *   "sideEffects": false
 *   "sideEffects": ["./src/polyfill.js", "*.css"]
 */
function hasSideEffects(file, pkg = findPackage(file)) {
  if (!pkg || pkg.json.sideEffects === undefined || pkg.json.sideEffects === true) return true
  if (pkg.json.sideEffects === false) return false
  if (Array.isArray(pkg.json.sideEffects)) {
    const rel = './' + path.relative(pkg.dir, file).split(path.sep).join('/')
    return pkg.json.sideEffects.some((pattern) => {
      const p = pattern.startsWith('./') ? pattern : './' + pattern
      return picomatch(p, { dot: true })(rel)
    })
  }
  return true
}

/**
 * Mark exports reachable from `id` (names = Set of used export names, or '*').
 */
function markUsedExports(graph, id, names, used = new Map(), visited = new Set()) {
  const key = id + '\0' + (names === '*' ? '*' : [...names].sort().join(','))
  if (visited.has(key)) return used
  visited.add(key)
  const mod = graph.modules.get(id)
  if (!mod) return used
  const set = used.get(id) || new Set()
  used.set(id, set)
  const wanted = names === '*' ? Object.keys(mod.exports) : [...names]
  for (const name of wanted) {
    set.add(name)
    const exp = mod.exports[name]
    if (exp && exp.from) markUsedExports(graph, exp.from, new Set([exp.imported]), used, visited)
  }
  for (const star of mod.starExports || []) markUsedExports(graph, star, names, used, visited)
  return used
}

function shake(graph) {
  const used = markUsedExports(graph, graph.entry, '*')
  for (const [id, mod] of graph.modules) {
    if (!used.has(id) && !hasSideEffects(id)) mod.dropped = true
  }
  return graph
}

module.exports = { hasSideEffects, markUsedExports, shake, findPackage }
