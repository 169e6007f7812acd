/** `npm run bench`: runs every benchmark in this folder, one after another, each in its own process. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const benchmarks = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .filter((file) => !only.length || only.some((name) => file.startsWith(name)))
  .sort();

let failed = 0;
for (const file of benchmarks) {
  console.log(`\n=== ${file}`);
  const run = spawnSync(process.execPath, [join(import.meta.dirname, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
