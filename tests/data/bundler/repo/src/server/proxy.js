'use strict'
const http = require('node:http')
const https = require('node:https')

function normalizeEntry(entry) {
  return typeof entry === 'string' ? { target: entry } : entry
}

/**
 * Apply the entry's `rewrite(path)` to the request URL.
 */
function rewritePath(url, entry) {
  if (typeof entry.rewrite !== 'function') return url
  const pathname = url.split('?')[0]
  return entry.rewrite(pathname)
}

function createProxyMiddleware(proxyConfig = {}) {
  const entries = Object.entries(proxyConfig).map(([prefix, e]) => [prefix, normalizeEntry(e)])
  return function proxyMiddleware(req, res, next) {
    const match = entries.find(([prefix]) => req.url.startsWith(prefix))
    if (!match) return next()
    const [, entry] = match
    const target = new URL(entry.target)
    const lib = target.protocol === 'https:' ? https : http
    const headers = { ...req.headers }
    if (entry.changeOrigin) headers.host = target.host
    const upstream = lib.request({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: rewritePath(req.url, entry),
      headers,
    }, (up) => {
      res.writeHead(up.statusCode, up.headers)
      up.pipe(res)
    })
    upstream.on('error', (err) => {
      console.error(`[vessel] proxy error: ${req.url} -> ${entry.target}\n${err.stack}`)
      if (!res.headersSent) res.writeHead(502)
      res.end()
    })
    req.pipe(upstream)
  }
}

module.exports = { createProxyMiddleware, rewritePath, normalizeEntry }
