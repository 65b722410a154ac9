'use strict'
// Whitespace/comment stripping used by --minify for CSS; JS minification lives in the mangler.

function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}:;,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim()
}

// Names the mangler must never rename.
const RESERVED = new Set(['arguments', 'eval', 'undefined', 'NaN', 'Infinity'])

module.exports = { minifyCss, RESERVED }
