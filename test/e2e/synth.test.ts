import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const projectRoot = join(import.meta.dirname, '../..');
let outDir = '';

afterAll(() => rm(outDir, { recursive: true, force: true }));

/** `cdk synth` as `npm run synth` runs it (the site is already built by the test set-up). */
function synth(directory: string): Promise<{ code: number | null; output: string }> {
  const cdk = join(projectRoot, 'node_modules/aws-cdk/bin/cdk');
  return new Promise((resolve) => {
    // No credentials and no Docker: the synth must need neither.
    const env = { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '' };
    const child = spawn(process.execPath, [cdk, 'synth', '--quiet', '--output', directory], {
      cwd: projectRoot,
      env: { ...env, CDK_DISABLE_VERSION_CHECK: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('npm run synth', () => {
  it('synthesizes the whole stack offline, functions bundled and cdk-nag satisfied', {
    timeout: 240_000,
  }, async () => {
    outDir = await mkdtemp(join(tmpdir(), 'portal-synth-'));
    const { code, output } = await synth(outDir);
    expect(code, output).toBe(0);
    const template = JSON.parse(await readFile(join(outDir, 'WuzhenPortal-dev.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties?: { Code?: { S3Key?: string } } }>;
    };
    const types = Object.values(template.Resources).map(({ Type }) => Type);
    for (const type of [
      'AWS::CloudFront::Distribution',
      'AWS::ApiGatewayV2::Api',
      'AWS::Cognito::UserPool',
    ]) {
      expect(types).toContain(type);
    }
    // Each function's code is a bundle staged in the output, not a placeholder.
    const manifest = JSON.parse(await readFile(join(outDir, 'WuzhenPortal-dev.assets.json'), 'utf8')) as {
      files: Record<string, { source: { path: string; packaging?: string } }>;
    };
    const bundles = Object.values(manifest.files).filter(({ source }) => source.packaging === 'zip');
    expect(bundles.length).toBeGreaterThanOrEqual(6);
  });
});
