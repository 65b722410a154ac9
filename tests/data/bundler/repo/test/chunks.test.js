'use strict'
const test = require('node:test')
const assert = require('node:assert')
const { formatFileName, formatAssetName, contentHash } = require('../src/chunks.js')

test('contentHash is stable and 8 chars by default', () => {
  assert.strictEqual(contentHash('a'), contentHash('a'))
  assert.strictEqual(contentHash('a').length, 8)
})

test('chunk names support [hash:N]', () => {
  assert.strictEqual(formatFileName('js/[name].[hash:4].js', { name: 'home', hash: 'abcdef12' }), 'js/home.abcd.js')
})

test('asset names', () => {
  assert.strictEqual(
    formatAssetName('assets/[name]-[hash][extname]', { file: '/p/src/logo.png', hash: 'abcdef12' }),
    'assets/logo-abcdef12.png',
  )
})
