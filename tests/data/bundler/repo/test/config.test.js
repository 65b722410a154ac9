'use strict'
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { mergeConfig, loadConfig } = require('../src/config.js')

test('mergeConfig is deep for objects, replaces arrays', () => {
  const out = mergeConfig({ a: { b: 1, c: 2 }, p: [1] }, { a: { c: 3 }, p: [2] })
  assert.deepStrictEqual(out, { a: { b: 1, c: 3 }, p: [2] })
})

test('loads vessel.config.js', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vessel-cfg-'))
  fs.writeFileSync(path.join(dir, 'vessel.config.js'), 'module.exports = { build: { outDir: "build" } }')
  const cfg = await loadConfig(dir)
  assert.strictEqual(cfg.build.outDir, 'build')
  assert.strictEqual(cfg.build.assetsInlineLimit, 4096)
})
