/**
 * Bundles the lazy imports (function-bundling.ts) that a function's index.mjs imports into its bundle
 * folder, beside index.mjs, with the package.json that maps each `#name` to its file there, as the
 * source tree's package.json maps it to its source; a function that imports none gets nothing. The
 * CDK functions run it after esbuild (a command hook); the bundle benchmark calls it too.
 *
 *   node infra/lazy-import-bundling.ts <bundle folder>
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { functionBuildOptions, lazyImports } from './function-bundling.ts';

const repositoryRoot = join(import.meta.dirname, '..');

export async function bundleLazyImports(outdir: string): Promise<void> {
  // esbuild leaves an external import as written: `import("#opening-hours")`.
  const bundle = await readFile(join(outdir, 'index.mjs'), 'utf8');
  const imported = Object.entries(lazyImports).filter(([name]) => bundle.includes(JSON.stringify(name)));
  if (!imported.length) return;
  const resolve = createRequire(join(repositoryRoot, 'package.json')).resolve;
  for (const [, lazyImport] of imported) {
    await build({
      ...functionBuildOptions,
      entryPoints: [join(repositoryRoot, lazyImport.source)],
      outfile: join(outdir, lazyImport.file),
      logLevel: 'warning',
    });
    // The files it reads beside itself (the badges' fonts), from their npm packages.
    const files: readonly string[] = 'files' in lazyImport ? lazyImport.files : [];
    for (const file of files) await copyFile(resolve(file), join(outdir, basename(file)));
  }
  const imports = Object.fromEntries(imported.map(([name, { file }]) => [name, `./${file}`]));
  await writeFile(join(outdir, 'package.json'), `${JSON.stringify({ imports }, null, 2)}\n`);
}

if (import.meta.main) {
  const [outdir] = process.argv.slice(2);
  if (!outdir) throw new Error('usage: node infra/lazy-import-bundling.ts <bundle folder>');
  await bundleLazyImports(outdir);
}
