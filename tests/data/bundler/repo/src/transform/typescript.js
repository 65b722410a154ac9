'use strict'
// Type stripping + JSX. Files are transformed in isolation (no type information).

function readJsxPragma(code) {
  const header = code.match(/^(?:\s*(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/))*/)[0]
  const jsx = header.match(/@jsx\s+([\w.]+)/)
  const frag = header.match(/@jsxFrag\s+([\w.]+)/)
  return { factory: jsx ? jsx[1] : null, fragment: frag ? frag[1] : null }
}

/** Replace type-only imports by empty lines so line numbers stay stable. */
function stripTypeImports(code) {
  return code.replace(/^import\s+type\s[^;\n]*;?[ \t]*$/gm, '')
}

function transformTypeScript(code, id, options = {}) {
  if (!/\.(m|c)?tsx?$/.test(id)) return code
  let out = stripTypeImports(code)
  // the real implementation drives a full TS-aware parser here
  if (options.experimentalDecorators) out = out.replace(/^\s*@(\w+)\(/gm, (m) => m)
  return out
}

module.exports = { readJsxPragma, stripTypeImports, transformTypeScript }
