'use strict'
const crypto = require('node:crypto')
const path = require('node:path')

function contentHash(content, length = 8) {
  return crypto.createHash('sha256').update(content).digest('base64url').replace(/[-_]/g, '').slice(0, length)
}

/**
 * Chunk names: chunkFileNames, e.g. 'assets/[name]-[hash].js' or 'js/[name].[hash:8].js'.
 */
function formatFileName(pattern, { name, hash }) {
  return pattern
    .replace(/\[name\]/g, name.split(path.sep).join('/'))
    .replace(/\[hash(?::(\d+))?\]/g, (_, len) => (len ? hash.slice(0, Number(len)) : hash))
}

/**
 * Asset names: assetFileNames, e.g. 'assets/[name]-[hash][extname]'.
 */
function formatAssetName(pattern, { file, hash }) {
  const ext = path.extname(file)
  const name = path.basename(file, ext)
  return pattern
    .replace(/\[name\]/g, name)
    .replace(/\[extname\]/g, ext)
    .replace(/\[ext\]/g, ext.slice(1))
    .replace(/\[hash\]/g, hash)
}

/**
 * Split the graph into an entry chunk plus one chunk per dynamic import.
 */
function splitChunks(graph) {
  const chunks = []
  const owner = new Map()
  const roots = [graph.entry, ...graph.dynamicImports]
  for (const root of roots) {
    const chunk = { name: chunkName(root, graph.root), modules: [] }
    const stack = [root]
    while (stack.length) {
      const id = stack.pop()
      if (owner.has(id)) continue
      owner.set(id, chunk)
      chunk.modules.push(id)
      for (const dep of graph.modules.get(id)?.staticDeps || []) stack.push(dep)
    }
    chunks.push(chunk)
  }
  return chunks
}

function chunkName(id, root) {
  const rel = path.relative(root, id)
  return rel.slice(0, rel.length - path.extname(rel).length).split(path.sep).join('/')
}

module.exports = { contentHash, formatFileName, formatAssetName, splitChunks, chunkName }
