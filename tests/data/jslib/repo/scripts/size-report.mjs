// Prints gzip sizes for a few typical imports; CI posts the table on pull requests.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const cases = {
  'format only': "export { format } from 'tempora';",
  'zoned + format': "export { zoned, format } from 'tempora';",
  scheduler: "export { createScheduler } from 'tempora';",
  'locale de': "import 'tempora/locale/de';",
  'react useNow': "export { useNow } from '@tempora/react';",
};

const rows = [];
for (const [label, contents] of Object.entries(cases)) {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    external: ['react', 'react/jsx-runtime'],
  });
  const bytes = result.outputFiles[0].contents;
  rows.push(`| ${label} | ${(bytes.length / 1024).toFixed(1)} kB | ${(gzipSync(bytes).length / 1024).toFixed(1)} kB |`);
}
console.log('| import | min | gzip |\n| --- | --- | --- |\n' + rows.join('\n'));
