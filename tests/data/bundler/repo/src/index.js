'use strict'
const fs = require('node:fs')
const path = require('node:path')
const { PluginDriver } = require('./plugins.js')
const { buildGraph } = require('./graph.js')
const { splitChunks, contentHash, formatFileName } = require('./chunks.js')
const { shake } = require('./treeshake.js')
const { transformTypeScript } = require('./transform/typescript.js')

async function build(config) {
  const driver = new PluginDriver(config.plugins)
  const graph = shake(await buildGraph(config, driver, (code, id) => transformTypeScript(code, id)))
  const outDir = path.resolve(config.root, config.build.outDir)
  fs.mkdirSync(outDir, { recursive: true })
  const written = []
  for (const chunk of splitChunks(graph)) {
    const code = chunk.modules.filter((id) => !graph.modules.get(id).dropped).map((id) => graph.modules.get(id).code).join('\n')
    const name = formatFileName(config.build.chunkFileNames, { name: chunk.name, hash: contentHash(code) })
    const file = path.join(outDir, name)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, code)
    written.push(file)
  }
  return written
}

module.exports = { build }
