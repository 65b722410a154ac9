'use strict'
const path = require('node:path')

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

function encodeVLQ(value) {
  let v = value < 0 ? (-value << 1) | 1 : value << 1
  let out = ''
  do {
    let digit = v & 31
    v >>>= 5
    if (v > 0) digit |= 32
    out += B64[digit]
  } while (v > 0)
  return out
}

/**
 * Path written into "sources": relative to the directory of the output file,
 * forward slashes. When build.sourcemapSourceRoot is set it is written to
 * "sourceRoot" and sources must be relative to it.
 */
function relativeSource(source, outFile, options = {}) {
  const root = options.root || process.cwd()
  if (options.sourcemapSourceRoot) {
    return path.relative(root, source).split(path.sep).join('/')
  }
  return path.relative(path.dirname(outFile), source).split(path.sep).join('/')
}

/**
 * Compose a chain of maps (first = closest to the original source) into one.
 * Each map: { sources, names, mappings: [[ [genCol, srcIdx, srcLine, srcCol, nameIdx?], ... ], ...] }
 * (decoded form; encoding happens in finalizeMap).
 */
function mergeSourceMaps(maps) {
  if (maps.length === 1) return maps[0]
  const [first, ...rest] = maps
  let current = first
  for (const next of rest) {
    const mappings = next.mappings.map((line) =>
      line.map((seg) => {
        if (seg.length < 4) return seg
        const origLine = current.mappings[seg[2]] || []
        let best = null
        for (const s of origLine) if (s[0] <= seg[3]) best = s
        return best ? [seg[0], best[1], best[2], best[3]] : [seg[0]]
      }),
    )
    current = { sources: current.sources, sourcesContent: current.sourcesContent, names: current.names, mappings }
  }
  return current
}

function finalizeMap(map, outFile, options = {}) {
  let prevCol = 0, prevSrc = 0, prevLine = 0, prevSrcCol = 0
  const lines = map.mappings.map((line) => {
    prevCol = 0
    return line.map((seg) => {
      let s = encodeVLQ(seg[0] - prevCol)
      prevCol = seg[0]
      if (seg.length >= 4) {
        s += encodeVLQ(seg[1] - prevSrc) + encodeVLQ(seg[2] - prevLine) + encodeVLQ(seg[3] - prevSrcCol)
        prevSrc = seg[1]; prevLine = seg[2]; prevSrcCol = seg[3]
      }
      return s
    }).join(',')
  })
  const out = {
    version: 3,
    file: path.basename(outFile),
    sources: map.sources.map((s) => relativeSource(s, outFile, options)),
    names: map.names || [],
    mappings: lines.join(';'),
  }
  if (options.sourcemapSourceRoot) out.sourceRoot = options.sourcemapSourceRoot
  if (options.sourcemapIncludeSources && map.sourcesContent) out.sourcesContent = map.sourcesContent
  return out
}

module.exports = { encodeVLQ, relativeSource, mergeSourceMaps, finalizeMap }
