// Verifies every target in the "exports" maps exists after a build (run in CI after `pnpm build`).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
let failures = 0;

function targets(node, out = []) {
  if (typeof node === 'string') out.push(node);
  else if (node && typeof node === 'object') for (const v of Object.values(node)) targets(v, out);
  return out;
}

for (const name of readdirSync(join(root, 'packages'))) {
  const dir = join(root, 'packages', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const target of targets(pkg.exports)) {
    if (target.includes('*')) {
      const [prefix, suffix] = target.split('*');
      const folder = join(dir, prefix.slice(0, prefix.lastIndexOf('/')));
      const hits = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith(suffix.replace(/^.*\//, ''))) : [];
      if (hits.length === 0) {
        console.error(`${pkg.name}: pattern ${target} matches nothing`);
        failures++;
      }
    } else if (!existsSync(join(dir, target))) {
      console.error(`${pkg.name}: missing ${target}`);
      failures++;
    }
  }
}

if (failures) process.exit(1);
console.log('exports ok');
