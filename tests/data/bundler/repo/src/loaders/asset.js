'use strict'
const fs = require('node:fs')
const path = require('node:path')

const MIME = {
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.gif': 'image/gif', '.webp': 'image/webp', '.woff': 'font/woff', '.woff2': 'font/woff2',
  '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject', '.wasm': 'application/wasm',
}

/**
 * Whether a file of `size` bytes is inlined as a data URI.
 * build.assetsInlineLimit: bytes, default 4096; 0 disables inlining.
 */
function shouldInline(size, options = {}) {
  const limit = options.assetsInlineLimit || 4096
  return size <= limit
}

function assetLoader(file, options, emitAsset) {
  const data = fs.readFileSync(file)
  if (shouldInline(data.length, options)) {
    const mime = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream'
    return { url: `data:${mime};base64,${data.toString('base64')}`, inlined: true }
  }
  return { url: emitAsset(file, data), inlined: false }
}

module.exports = { shouldInline, assetLoader, MIME }
