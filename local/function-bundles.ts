/**
 * The Lambda functions bundled as the CDK stack bundles them (NodejsFunction with the options of
 * infra/function-bundling.ts, its lazy imports and the content folders beside the bundle), for the local portal's
 * bundled mode (`npm start -- --bundled`), the tests that run it and the bundle benchmark.
 * Bundles go under the project (.data/, git-ignored), so that their `@aws-sdk/*` imports, which the
 * Lambda runtime provides, resolve from node_modules.
 */
import { cp, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { apiFunctions } from '../functions/routes.ts';
import { bundledContentFolders, functionBuildOptions } from '../infra/function-bundling.ts';
import { bundleLazyImports } from '../infra/lazy-import-bundling.ts';

export const projectRoot = join(import.meta.dirname, '..');

/** Every function the stack deploys that the portal runs: the API's, the outbox mailer and the seed trigger. */
export const deployedFunctions = {
  ...apiFunctions,
  mailer: 'functions/handlers/stream/mailer.ts',
  seed: 'functions/handlers/deployment/seed.ts',
} as const;
export type DeployedFunction = keyof typeof deployedFunctions;

/** Where `npm start -- --bundled` bundles the functions when BUNDLES_DIR names no prebuilt ones. */
export const defaultBundlesDirectory = join(projectRoot, '.data', 'bundles');

/** A function's bundle in a folder of bundles: `<folder>/<function>/index.mjs`, as the asset holds it. */
export const bundleFile = (bundlesDirectory: string, name: string) =>
  join(bundlesDirectory, name, 'index.mjs');

/** Bundles one function into `<outRoot>/<name>/` (emptied first); answers its file and esbuild's metafile. */
export async function bundleFunction(
  outRoot: string,
  name: string,
  entry: string,
): Promise<{ outfile: string; metafile: Metafile }> {
  const outdir = join(outRoot, name);
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const outfile = bundleFile(outRoot, name);
  const { metafile } = await build({
    ...functionBuildOptions,
    entryPoints: [join(projectRoot, entry)],
    outfile,
    metafile: true,
    logLevel: 'warning',
  });
  await bundleLazyImports(outdir);
  for (const folder of bundledContentFolders[entry] ?? []) {
    await cp(join(projectRoot, 'content', folder), join(outdir, folder), { recursive: true });
  }
  return { outfile, metafile };
}

/** Bundles every deployed function into `outRoot`, one after the other (esbuild uses every core anyway). */
export async function bundleDeployedFunctions(outRoot: string): Promise<void> {
  for (const [name, entry] of Object.entries(deployedFunctions)) await bundleFunction(outRoot, name, entry);
}
