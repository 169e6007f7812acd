/**
 * Bundles the lazy imports (function-bundling.ts) into a function's bundle folder, beside its
 * index.mjs, with the package.json that maps each `#name` to its file there, as the source tree's
 * package.json maps it to its source. The CDK functions run it after esbuild (a command hook); the
 * bundle benchmark calls it too.
 *
 *   node infra/lazy-import-bundling.ts <bundle folder>
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { functionBundling, lazyImports } from './function-bundling.ts';

const repositoryRoot = join(import.meta.dirname, '..');

export async function bundleLazyImports(outdir: string): Promise<void> {
  const { banner, external, ...options } = functionBundling;
  for (const { source, file } of Object.values(lazyImports)) {
    await build({
      ...options,
      banner: { js: banner },
      external: [...external],
      entryPoints: [join(repositoryRoot, source)],
      bundle: true,
      outfile: join(outdir, file),
      logLevel: 'warning',
    });
  }
  const imports = Object.fromEntries(
    Object.entries(lazyImports).map(([name, { file }]) => [name, `./${file}`]),
  );
  await writeFile(join(outdir, 'package.json'), `${JSON.stringify({ imports }, null, 2)}\n`);
}

if (import.meta.main) {
  const [outdir] = process.argv.slice(2);
  if (!outdir) throw new Error('usage: node infra/lazy-import-bundling.ts <bundle folder>');
  await bundleLazyImports(outdir);
}
