// Builds packages/core and packages/react into dist/esm (ESM), dist/cjs (CJS) and types.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const version = JSON.parse(readFileSync(join(root, 'packages/core/package.json'), 'utf8')).version;

const shared = {
  bundle: true,
  target: ['es2020', 'node18', 'safari14'],
  define: { __TEMPORA_VERSION__: JSON.stringify(version) },
  logLevel: 'info',
};

async function buildCore() {
  const pkg = join(root, 'packages/core');
  await build({ ...shared, entryPoints: [join(pkg, 'src/index.ts')], format: 'esm', outfile: join(pkg, 'dist/esm/index.js') });
  await build({ ...shared, entryPoints: [join(pkg, 'src/index.ts')], format: 'cjs', outfile: join(pkg, 'dist/cjs/index.cjs') });
  execFileSync('tsc', ['-p', join(pkg, 'tsconfig.build.json')], { stdio: 'inherit' });
  // TS1479 under "moduleResolution": "node16" if require() resolves to an ESM .d.ts (#330)
  copyFileSync(join(pkg, 'dist/types/index.d.ts'), join(pkg, 'dist/types/index.d.cts'));
}

async function buildReact() {
  const pkg = join(root, 'packages/react');
  const external = ['react', 'react/jsx-runtime', 'tempora'];
  // esbuild drops module-level directives when bundling; put 'use client' back (#388)
  const banner = { js: "'use client';" };
  for (const [format, outfile] of [['esm', 'dist/index.js'], ['cjs', 'dist/index.cjs']]) {
    await build({ ...shared, entryPoints: [join(pkg, 'src/index.ts')], format, outfile: join(pkg, outfile), external, banner, jsx: 'automatic' });
  }
  execFileSync('tsc', ['-p', join(pkg, 'tsconfig.build.json')], { stdio: 'inherit' });
  const dts = readFileSync(join(pkg, 'dist/index.d.ts'), 'utf8');
  writeFileSync(join(pkg, 'dist/index.d.cts'), dts);
}

await buildCore();
await buildReact();
console.log(`built tempora ${version}`, readdirSync(join(root, 'packages/core/dist')));
