/**
 * How every Lambda function is bundled, as esbuild options (the banner as one JavaScript string, the
 * way NodejsFunction takes it). The CDK functions and the bundle benchmark both use these, so the
 * benchmark measures what is deployed.
 */
export const functionBundling = {
  platform: 'node',
  target: 'node24',
  format: 'esm',
  minify: true,
  sourcemap: true,
  // The Lambda runtime provides the AWS SDK v3; bundling it would only add cold-start bytes.
  external: ['@aws-sdk/*'],
  // ESM bundles have no `require`, which a few CommonJS dependencies still call.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
} as const;
