'use strict'
const ALIASES = { p: 'port', c: 'config', h: 'help', m: 'mode' }
const BOOLEAN = new Set(['help', 'host', 'minify', 'watch', 'sourcemap', 'report', 'metafile', 'strictPort'])

function camel(s) {
  return s.replace(/-([a-z])/g, (_, c) => c.toUpperCase())
}

/**
 * Tiny argv parser: --flag, --no-flag, --key value, -p 3000, positionals.
 */
function parseArgs(argv) {
  const out = { _: [] }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--') {
      out._.push(...argv.slice(i + 1))
      break
    }
    if (arg.startsWith('--no-')) {
      out[camel(arg.slice(5))] = false
    } else if (arg.startsWith('--') || (arg.startsWith('-') && arg.length === 2)) {
      let key = arg.startsWith('--') ? camel(arg.slice(2)) : ALIASES[arg[1]] || arg[1]
      const next = argv[i + 1]
      if (BOOLEAN.has(key) || next === undefined || next.startsWith('-')) {
        out[key] = true
      } else {
        out[key] = coerce(next)
        i++
      }
    } else {
      out._.push(arg)
    }
  }
  return out
}

function coerce(v) {
  return /^\d+$/.test(v) ? Number(v) : v
}

async function main(argv) {
  const args = parseArgs(argv)
  const command = args._[0] || 'dev'
  const { loadConfig } = require('./config.js')
  const config = await loadConfig(process.cwd(), args)
  if (command === 'build') return require('./index.js').build(config)
  if (command === 'dev') return require('./server/dev-server.js').startDevServer(config)
  if (command === '--version' || args.version) {
    console.log(require('../package.json').version)
    return
  }
  throw new Error(`Unknown command "${command}"`)
}

module.exports = { parseArgs, main }
