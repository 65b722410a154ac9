'use strict'
const fs = require('node:fs')
const path = require('node:path')
const { pathToFileURL } = require('node:url')

// Looked up in this order in the project root.
const CONFIG_FILES = ['vessel.config.js', 'vessel.config.cjs', 'vessel.config.ts', 'vessel.config.mts']

const DEFAULTS = {
  root: '.',
  base: '/',
  build: {
    outDir: 'dist',
    minify: false,
    sourcemap: false,
    assetsInlineLimit: 4096,
    chunkFileNames: 'assets/[name]-[hash].js',
    assetFileNames: 'assets/[name]-[hash][extname]',
  },
  server: { port: 5173, host: 'localhost', proxy: {} },
  watch: { usePolling: false, pollInterval: 300 },
  resolve: { alias: {}, preserveSymlinks: false },
  plugins: [],
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function mergeConfig(base, override) {
  const out = { ...base }
  for (const [k, v] of Object.entries(override || {})) {
    out[k] = isObject(v) && isObject(base[k]) ? mergeConfig(base[k], v) : v
  }
  return out
}

function findConfigFile(root) {
  for (const name of CONFIG_FILES) {
    const file = path.join(root, name)
    if (fs.existsSync(file)) return file
  }
  return null
}

async function loadConfig(root, args = {}) {
  const file = args.config ? path.resolve(root, args.config) : findConfigFile(root)
  let user = {}
  if (file) {
    const mod = await import(pathToFileURL(file).href)
    user = mod.default ?? mod
    if (typeof user === 'function') user = await user({ mode: args.mode || 'development' })
  }
  const cli = {}
  if (args.port) cli.server = { port: args.port }
  if (args.host) cli.server = { ...cli.server, host: args.host === true ? '0.0.0.0' : args.host }
  return { ...mergeConfig(mergeConfig(DEFAULTS, user), cli), configFile: file, root }
}

module.exports = { CONFIG_FILES, DEFAULTS, mergeConfig, findConfigFile, loadConfig }
