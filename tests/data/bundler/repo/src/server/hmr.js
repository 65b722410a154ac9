'use strict'
const { WebSocketServer } = require('ws')

const HMR_PATH = '/__vessel_hmr'

/**
 * Attach the HMR websocket to the dev server's own HTTP server.
 */
function createHmrServer(httpServer, watcher, { onUpdate } = {}) {
  const wss = new WebSocketServer({ noServer: true })
  const clients = new Set()

  httpServer.on('upgrade', (req, socket, head) => {
    if (!req.url.startsWith(HMR_PATH)) return
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws)
      ws.on('close', () => clients.delete(ws))
      ws.send(JSON.stringify({ type: 'connected' }))
    })
  })

  function broadcast(message) {
    const data = JSON.stringify(message)
    clients.forEach((ws) => {
      ws.send(data)
    })
  }

  watcher.on('all', async (type, file) => {
    const update = onUpdate ? await onUpdate(type, file) : { type: 'full-reload', path: file }
    if (update) broadcast(update)
  })

  return {
    broadcast,
    clients,
    close() {
      for (const ws of clients) ws.terminate()
      wss.close()
    },
  }
}

module.exports = { createHmrServer, HMR_PATH }
