#!/usr/bin/env node
'use strict'
require('../src/cli.js').main(process.argv.slice(2)).catch((err) => {
  const { formatDiagnostic } = require('../src/diagnostics.js')
  process.stderr.write(formatDiagnostic(err) + '\n')
  process.exit(1)
})
