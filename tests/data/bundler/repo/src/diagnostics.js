'use strict'
// Structured error output ("✘ [ERROR] ...") with code frames.

class VesselError extends Error {
  constructor(message, { file, line, column, length = 1, source } = {}) {
    super(message)
    this.name = 'VesselError'
    this.location = file ? { file, line, column, length, source } : null
  }
}

/**
 * Render the line `line` (1-based) of `source` with a caret/tilde marker under
 * `column` (0-based, in characters of the original line).
 */
function codeFrame(source, line, column, length = 1) {
  const lines = source.split(/\r?\n/)
  const text = lines[line - 1] ?? ''
  const gutter = String(line)
  const pad = ' '.repeat(gutter.length)
  const shown = text.replace(/\t/g, '  ')
  const marker = ' '.repeat(column) + (length > 1 ? '~'.repeat(length) : '^')
  return [
    `      ${gutter} │ ${shown}`,
    `      ${pad} ╵ ${marker}`,
  ].join('\n')
}

function formatDiagnostic(err, level = 'ERROR') {
  const head = `✘ [${level}] ${err.message}`
  const loc = err.location
  if (!loc) return head
  const where = `    ${loc.file}:${loc.line}:${loc.column}:`
  const frame = loc.source ? '\n' + codeFrame(loc.source, loc.line, loc.column, loc.length) : ''
  return `${head}\n\n${where}${frame}\n`
}

module.exports = { VesselError, codeFrame, formatDiagnostic }
