'use strict'
const fs = require('node:fs')
const path = require('node:path')
const { VesselError } = require('../diagnostics.js')

const URL_RE = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g
const IMPORT_RE = /@import\s+(?:url\()?\s*['"]([^'"]+)['"]\s*\)?\s*;/g

function isExternal(url) {
  return /^(?:data:|https?:|\/\/|#)/.test(url)
}

function lineCol(source, index) {
  const before = source.slice(0, index).split('\n')
  return { line: before.length, column: before[before.length - 1].length }
}

/**
 * Rewrite url(...) references to emitted asset names.
 * `resolveAsset(file)` returns the public URL of the emitted asset.
 */
function rewriteCssUrls(css, file, { resolve, resolveAsset }) {
  return css.replace(URL_RE, (match, quote, url, offset) => {
    if (isExternal(url)) return match
    const resolved = resolve(url, file)
    if (!resolved) {
      const { line, column } = lineCol(css, offset + match.indexOf(url) - (quote ? 1 : 0))
      throw new VesselError(`Could not resolve "${url}"`, {
        file: path.relative(process.cwd(), file), line, column, length: url.length + (quote ? 2 : 0), source: css,
      })
    }
    return `url("${resolveAsset(resolved)}")`
  })
}

/** Inline @import recursively (cycle safe). */
function inlineImports(css, file, ctx, seen = new Set([file])) {
  return css.replace(IMPORT_RE, (match, spec) => {
    if (isExternal(spec)) return match
    const target = ctx.resolve(spec, file)
    if (!target) throw new VesselError(`Could not resolve "${spec}"`)
    if (seen.has(target)) return ''
    seen.add(target)
    const inner = fs.readFileSync(target, 'utf8')
    return rewriteCssUrls(inlineImports(inner, target, ctx, seen), target, ctx)
  })
}

function cssLoader(code, file, ctx) {
  const withImports = inlineImports(code, file, ctx)
  return { css: rewriteCssUrls(withImports, file, ctx) }
}

module.exports = { cssLoader, rewriteCssUrls, inlineImports, isExternal }
