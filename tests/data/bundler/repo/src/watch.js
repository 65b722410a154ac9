'use strict'
const fs = require('node:fs')
const path = require('node:path')
const { EventEmitter } = require('node:events')

const DEBOUNCE_MS = 50

function loadNative() {
  if (process.env.VESSEL_WATCHER === 'poll') return null
  try {
    return require('../build/Release/vessel_watcher.node')
  } catch {
    console.warn('vessel: native watcher unavailable, falling back to polling')
    return null
  }
}

class Watcher extends EventEmitter {
  constructor(root, options = {}) {
    super()
    this.root = root
    this.options = options
    this.pending = new Map()
    this.handles = []
  }

  /**
   * Normalise a raw event from fs.watch / the native addon into
   * add / change / unlink, debounced per path.
   * Raw kinds: 'rename' (create, delete or move) and 'change'.
   */
  onRawEvent(kind, file) {
    let type
    if (kind === 'change') type = 'change'
    else if (kind === 'rename') type = 'unlink'
    else if (kind === 'create') type = 'add'
    else return
    if (this.pending.has(file)) return
    const timer = setTimeout(() => {
      this.pending.delete(file)
      this.emit(type, file)
      this.emit('all', type, file)
    }, this.options.debounce ?? DEBOUNCE_MS)
    this.pending.set(file, timer)
  }

  close() {
    for (const t of this.pending.values()) clearTimeout(t)
    for (const h of this.handles) h.close()
    this.pending.clear()
  }
}

function createWatcher(root, options = {}) {
  const watcher = new Watcher(root, options)
  const ignored = (f) => f.includes(`${path.sep}node_modules${path.sep}`) || f.includes(`${path.sep}.git${path.sep}`)
  const native = options.usePolling ? null : loadNative()
  if (native) {
    watcher.handles.push(native.watch(root, (kind, file) => !ignored(file) && watcher.onRawEvent(kind, file)))
  } else if (!options.usePolling) {
    const h = fs.watch(root, { recursive: true }, (kind, rel) => {
      if (!rel) return
      const file = path.join(root, rel)
      if (!ignored(file)) watcher.onRawEvent(kind, file)
    })
    watcher.handles.push(h)
  } else {
    const interval = options.pollInterval ?? 300
    for (const file of options.files || []) {
      fs.watchFile(file, { interval }, (cur, prev) => {
        if (cur.mtimeMs !== prev.mtimeMs) watcher.onRawEvent(cur.nlink === 0 ? 'rename' : 'change', file)
      })
      watcher.handles.push({ close: () => fs.unwatchFile(file) })
    }
  }
  return watcher
}

module.exports = { createWatcher, Watcher, DEBOUNCE_MS }
