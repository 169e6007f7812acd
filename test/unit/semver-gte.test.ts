import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import fc from 'fast-check';
import realSemver from 'semver';
import { describe, expect, it } from 'vitest';
import { functionBuildOptions, functionBundling } from '../../infra/function-bundling.ts';
import { gte } from '../../infra/semver-gte.ts';
import { deployedFunctions } from '../../local/function-bundles.ts';

const root = join(import.meta.dirname, '..', '..');

describe('the semver the functions are bundled with', () => {
  it('answers gte as semver does for plain versions', () => {
    const part = fc.integer({ min: 0, max: 30 });
    const version = fc.tuple(part, part, part).map((parts) => parts.join('.'));
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(gte(a, b)).toBe(realSemver.gte(a, b));
      }),
      { numRuns: 2_000 },
    );
    expect(gte('v24.11.0', '8.0.0')).toBe(true);
    expect(() => gte('3.0.0-beta.1', '2.0.0')).toThrow(/plain/);
  });

  it('is all of semver that any function bundle calls', async () => {
    const entries = [...Object.values(deployedFunctions), 'functions/handlers/scheduled/retention.ts'];
    // Bundled without the alias, to find every module that requires semver and what it calls.
    const { metafile } = await build({
      ...functionBuildOptions,
      alias: {},
      entryPoints: entries.map((entry) => join(root, entry)),
      write: false,
      outdir: join(root, '.data', 'semver-check'),
      metafile: true,
      logLevel: 'silent',
    });
    const callers = Object.entries(metafile.inputs)
      .filter(([, input]) => input.imports.some(({ original }) => original === 'semver'))
      .map(([path]) => path)
      .sort();
    expect(callers).toEqual(['node_modules/aws-xray-sdk-core/dist/lib/patchers/aws_p.js']);
    for (const caller of callers) {
      const source = await readFile(join(root, caller), 'utf8');
      expect([...source.matchAll(/\bsemver\.(\w+)/g)].map((match) => match[1])).toEqual(['gte']);
    }
    expect(Object.keys(functionBundling.alias)).toEqual(['semver']);
  });
});
