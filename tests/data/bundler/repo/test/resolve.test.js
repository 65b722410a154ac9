'use strict'
const test = require('node:test')
const assert = require('node:assert')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { resolvePackageExports, resolveEntry, matchTsconfigPaths, matchPattern } = require('../src/resolve.js')

function tmp(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vessel-'))
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.writeFileSync(path.join(dir, name), content)
  }
  return dir
}

test('exports: string shorthand', () => {
  assert.strictEqual(resolvePackageExports('/pkg', './index.js', '.'), path.join('/pkg', 'index.js'))
})

test('exports: conditions pick import over require', () => {
  const exp = { '.': { import: './esm/index.js', require: './cjs/index.js' } }
  assert.strictEqual(resolvePackageExports('/pkg', exp, '.'), path.join('/pkg', 'esm/index.js'))
})

test('exports: subpath pattern may contain slashes', () => {
  const exp = { './*': './dist/*.js' }
  assert.strictEqual(resolvePackageExports('/pkg', exp, './arrows/left'), path.join('/pkg', 'dist/arrows/left.js'))
})

test('matchPattern', () => {
  assert.strictEqual(matchPattern('@app/*', '@app/router'), 'router')
  assert.strictEqual(matchPattern('@app/*', 'other'), null)
})

test('entry may be a directory', () => {
  const dir = tmp({ 'src/index.ts': 'export {}' })
  assert.strictEqual(resolveEntry('./src', dir).id, path.join(dir, 'src/index.ts'))
})

test('tsconfig paths: single target', () => {
  const dir = tmp({ 'src/shared/x.ts': '' })
  const ts = { paths: { '@shared/*': ['src/shared/*'] }, pathsBase: dir }
  assert.strictEqual(matchTsconfigPaths('@shared/x', ts), path.join(dir, 'src/shared/x.ts'))
})
