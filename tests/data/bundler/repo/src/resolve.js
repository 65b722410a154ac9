'use strict'
const fs = require('node:fs')
const path = require('node:path')
const { VesselError } = require('./diagnostics.js')

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.js', '.jsx', '.mjs', '.cjs', '.json']
const DEFAULT_CONDITIONS = ['import', 'browser', 'default']

function isFile(p) {
  try {
    return fs.statSync(p).isFile()
  } catch {
    return false
  }
}

function isDir(p) {
  try {
    return fs.statSync(p).isDirectory()
  } catch {
    return false
  }
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'))
}

function tryExtensions(base) {
  if (isFile(base)) return base
  for (const ext of EXTENSIONS) if (isFile(base + ext)) return base + ext
  return null
}

function tryFileOrDir(base) {
  const f = tryExtensions(base)
  if (f) return f
  if (isDir(base)) {
    const pkg = path.join(base, 'package.json')
    if (isFile(pkg)) {
      const main = readJson(pkg).main
      if (main) {
        const m = tryExtensions(path.join(base, main))
        if (m) return m
      }
    }
    return tryExtensions(path.join(base, 'index'))
  }
  return null
}

/** Resolve the configured entry (file or directory) to a module record. */
function resolveEntry(entry, root) {
  const file = tryFileOrDir(path.resolve(root, entry))
  if (!file) throw new VesselError(`Could not resolve entry "${entry}"`)
  return { id: file, entry: true }
}

// ---------------------------------------------------------------- package.json "exports"

/**
 * Pick the target for a condition map / string / array.
 * `{ "import": "./esm/index.js", "require": "./cjs/index.js" }`
 */
function resolveExportsTarget(target, conditions) {
  if (typeof target === 'string') return target
  if (Array.isArray(target)) {
    for (const t of target) {
      const r = resolveExportsTarget(t, conditions)
      if (r) return r
    }
    return null
  }
  if (target && typeof target === 'object') {
    for (const [cond, value] of Object.entries(target)) {
      if (cond === 'default' || conditions.includes(cond)) return value
    }
  }
  return null
}

function matchPattern(key, subpath) {
  const star = key.indexOf('*')
  if (star === -1) return key === subpath ? '' : null
  const prefix = key.slice(0, star)
  const suffix = key.slice(star + 1)
  if (!subpath.startsWith(prefix) || !subpath.endsWith(suffix)) return null
  if (subpath.length < prefix.length + suffix.length) return null
  return subpath.slice(prefix.length, subpath.length - suffix.length)
}

function resolvePackageExports(pkgDir, exportsField, subpath, conditions = DEFAULT_CONDITIONS) {
  let map = exportsField
  if (typeof map === 'string' || Array.isArray(map) || !Object.keys(map).some((k) => k.startsWith('.'))) {
    map = { '.': map }
  }
  let target = null
  let captured = ''
  if (Object.prototype.hasOwnProperty.call(map, subpath)) {
    target = map[subpath]
  } else {
    // longest matching pattern wins
    const keys = Object.keys(map).filter((k) => k.includes('*')).sort((a, b) => b.length - a.length)
    for (const key of keys) {
      const m = matchPattern(key, subpath)
      if (m !== null) {
        target = map[key]
        captured = m
        break
      }
    }
  }
  if (target == null) return null
  const resolved = resolveExportsTarget(target, conditions)
  if (resolved == null) return null
  const rel = captured ? resolved.replace(/\*/g, captured) : resolved
  return path.join(pkgDir, rel)
}

// ---------------------------------------------------------------- package.json "imports"

function resolveImportsField(specifier, importer) {
  let dir = path.dirname(importer)
  while (true) {
    const pkgFile = path.join(dir, 'package.json')
    if (isFile(pkgFile)) {
      const imports = readJson(pkgFile).imports || {}
      // exact keys only; patterns (#utils/*) are not supported yet
      if (!Object.prototype.hasOwnProperty.call(imports, specifier)) return null
      const target = resolveExportsTarget(imports[specifier], DEFAULT_CONDITIONS)
      return target ? tryExtensions(path.join(dir, target)) : null
    }
    const parent = path.dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}

// ---------------------------------------------------------------- tsconfig paths

function loadTsconfig(file, seen = new Set()) {
  if (seen.has(file)) return {}
  seen.add(file)
  const raw = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, ''))
  let base = {}
  if (raw.extends) {
    const ext = raw.extends.startsWith('.')
      ? path.resolve(path.dirname(file), raw.extends)
      : require.resolve(raw.extends, { paths: [path.dirname(file)] })
    base = loadTsconfig(ext.endsWith('.json') ? ext : ext + '.json', seen)
  }
  const opts = raw.compilerOptions || {}
  const own = {}
  if (opts.paths) {
    own.paths = opts.paths
    own.pathsBase = path.resolve(path.dirname(file), opts.baseUrl || '.')
  }
  return { ...base, ...own }
}

/**
 * Map `specifier` through tsconfig `paths`. Returns a file or null.
 */
function matchTsconfigPaths(specifier, tsconfig) {
  if (!tsconfig || !tsconfig.paths) return null
  for (const [pattern, targets] of Object.entries(tsconfig.paths)) {
    const m = matchPattern(pattern, specifier)
    if (m === null) continue
    const candidate = path.join(tsconfig.pathsBase, targets[0].replace('*', m))
    return tryFileOrDir(candidate)
  }
  return null
}

// ---------------------------------------------------------------- bare specifiers

function splitBare(specifier) {
  const parts = specifier.split('/')
  const n = specifier.startsWith('@') ? 2 : 1
  return { name: parts.slice(0, n).join('/'), subpath: '.' + (parts.length > n ? '/' + parts.slice(n).join('/') : '') }
}

function resolveBare(specifier, importer, options = {}) {
  const { name, subpath } = splitBare(specifier)
  let dir = path.dirname(importer)
  while (true) {
    const pkgDir = path.join(dir, 'node_modules', name)
    const pkgFile = path.join(pkgDir, 'package.json')
    if (isFile(pkgFile)) {
      const pkg = readJson(pkgFile)
      if (pkg.exports) return resolvePackageExports(pkgDir, pkg.exports, subpath, options.conditions)
      return tryFileOrDir(subpath === '.' ? pkgDir : path.join(pkgDir, subpath))
    }
    const parent = path.dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}

function resolve(specifier, importer, options = {}) {
  let file = null
  if (specifier.startsWith('#')) file = resolveImportsField(specifier, importer)
  else if (specifier.startsWith('.') || path.isAbsolute(specifier)) file = tryFileOrDir(path.resolve(path.dirname(importer), specifier))
  else file = matchTsconfigPaths(specifier, options.tsconfig) || resolveBare(specifier, importer, options)
  if (file && !options.preserveSymlinks) file = fs.realpathSync(file)
  return file
}

module.exports = {
  resolve, resolveEntry, resolveBare, resolvePackageExports, resolveExportsTarget,
  resolveImportsField, loadTsconfig, matchTsconfigPaths, matchPattern, splitBare,
}
