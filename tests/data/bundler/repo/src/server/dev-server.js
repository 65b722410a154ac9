'use strict'
const http = require('node:http')
const fs = require('node:fs')
const path = require('node:path')
const { createWatcher } = require('../watch.js')
const { createHmrServer } = require('./hmr.js')
const { createProxyMiddleware } = require('./proxy.js')

const MIME = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' }

async function startDevServer(config) {
  const root = path.resolve(config.root)
  const proxy = createProxyMiddleware(config.server.proxy)
  const server = http.createServer((req, res) => {
    proxy(req, res, () => {
      const file = path.join(root, decodeURIComponent(req.url.split('?')[0]))
      if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        res.writeHead(404)
        return res.end()
      }
      res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream' })
      fs.createReadStream(file).pipe(res)
    })
  })
  const watcher = createWatcher(root, config.watch)
  const hmr = createHmrServer(server, watcher)
  await new Promise((resolve) => server.listen(config.server.port, config.server.host, resolve))
  const { port } = server.address()
  console.log(`  vessel dev server\n\n  Local:   http://localhost:${port}/`)
  return { server, watcher, hmr, port }
}

module.exports = { startDevServer }
