// One ESM and one CJS file per locale, plus .d.ts/.d.cts, and the loader map in src/locale/load.ts.
import { build } from 'esbuild';
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, basename } from 'node:path';

const localeDir = new URL('../packages/core/src/locale', import.meta.url).pathname;
const dist = new URL('../packages/core/dist', import.meta.url).pathname;
const NOT_LOCALES = new Set(['registry.ts', 'load.ts', 'index.ts']);

const files = readdirSync(localeDir).filter((f) => f.endsWith('.ts') && !NOT_LOCALES.has(f));
const codes = files.map((f) => basename(f, '.ts'));

for (const format of ['esm', 'cjs']) {
  mkdirSync(join(dist, format, 'locale'), { recursive: true });
  await build({
    entryPoints: files.map((f) => join(localeDir, f)),
    outdir: join(dist, format, 'locale'),
    outExtension: { '.js': format === 'esm' ? '.js' : '.cjs' },
    format,
    bundle: true,
    // the registry must be shared with the main entry, never inlined into a locale
    external: ['../index.js', './registry.js'],
    target: 'es2020',
  });
}

mkdirSync(join(dist, 'types', 'locale'), { recursive: true });
for (const code of codes) {
  const dts = `import type { LocaleData } from '../index.js';\ndeclare const locale: LocaleData;\nexport default locale;\n`;
  writeFileSync(join(dist, 'types', 'locale', `${code}.d.ts`), dts);
  writeFileSync(join(dist, 'types', 'locale', `${code}.d.cts`), dts);
}

const entries = codes.map((c) => `  ${/^[a-z]+$/.test(c) ? c : `'${c}'`}: () => import('./${c}.js'),`).join('\n');
console.log(`locales: ${codes.join(', ')}`);
console.log(`loader map:\n{\n${entries}\n}`);
