'use strict'
const test = require('node:test')
const assert = require('node:assert')
const path = require('node:path')
const { hasSideEffects } = require('../src/treeshake.js')

const pkg = (sideEffects) => ({ dir: '/nm/lib', json: { sideEffects } })

test('missing field means side effects', () => {
  assert.strictEqual(hasSideEffects('/nm/lib/index.js', pkg(undefined)), true)
})

test('false means none', () => {
  assert.strictEqual(hasSideEffects('/nm/lib/index.js', pkg(false)), false)
})

test('./-prefixed patterns', () => {
  const p = pkg(['./src/polyfill.js', './dist/*.css'])
  assert.strictEqual(hasSideEffects(path.join('/nm/lib', 'src/polyfill.js'), p), true)
  assert.strictEqual(hasSideEffects(path.join('/nm/lib', 'dist/button.css'), p), true)
  assert.strictEqual(hasSideEffects(path.join('/nm/lib', 'dist/button.js'), p), false)
})
