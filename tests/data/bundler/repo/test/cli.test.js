'use strict'
const test = require('node:test')
const assert = require('node:assert')
const { parseArgs } = require('../src/cli.js')

test('positionals and flags', () => {
  assert.deepStrictEqual(parseArgs(['build', '--minify']), { _: ['build'], minify: true })
})

test('--key value and aliases', () => {
  assert.deepStrictEqual(parseArgs(['dev', '--port', '5000', '-c', 'x.js']), { _: ['dev'], port: 5000, config: 'x.js' })
})

test('--no-flag', () => {
  assert.deepStrictEqual(parseArgs(['--no-sourcemap']), { _: [], sourcemap: false })
})
