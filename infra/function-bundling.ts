import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { badgeFontFiles } from '../functions/badges/badge-fonts.ts';

// How every Lambda function is bundled. The CDK functions and the bundle benchmark both use these,
// so the benchmark measures what is deployed.

/**
 * Modules a function imports only when a request needs them (`await import('#opening-hours')`), so
 * that its cold start never parses them. package.json "imports" maps each name to its source; in a
 * bundle, each is bundled into a file of its own beside index.mjs (`file`), and the bundle's own
 * package.json maps the name to that file (infra/lazy-import-bundling.ts).
 */
export const lazyImports = {
  /** The opening_hours evaluator (over 750 KB minified), for instants outside the seeded schedules. */
  '#opening-hours': { source: 'functions/domain/opening-hours.ts', file: 'opening-hours.mjs' },
  /** The QR encoder (about 19 KB), for a registrant's ticket, never for registering. */
  '#qr-code': { source: 'functions/domain/qr-code.ts', file: 'qr-code.mjs' },
  /**
   * The OpenAPI document's generator (zod's JSON Schema conversion and every function's contract,
   * about 45 KB), for GET /api/openapi.json, never for the health check.
   */
  '#openapi-document': { source: 'functions/contract/openapi.ts', file: 'openapi-document.mjs' },
  /**
   * Name badges as PDF (pdfkit, fontkit and pinyin-pro's dictionary, about 1.5 MB), for
   * GET /api/admin/badges.pdf only; `files` are copied beside it: the two Noto Sans SC fonts (npm
   * package paths), which functions/badges/badge-fonts.ts reads beside its module.
   */
  '#print-badges': {
    source: 'functions/badges/print-badges.ts',
    file: 'print-badges.mjs',
    files: Object.values(badgeFontFiles),
  },
} as const satisfies Record<string, { source: string; file: string; files?: readonly string[] }>;

/** The esbuild options, the banner as one JavaScript string, the way NodejsFunction takes it. */
export const functionBundling = {
  platform: 'node',
  target: 'node24',
  format: 'esm',
  minify: true,
  sourcemap: true,
  // The Lambda runtime provides the AWS SDK v3; bundling it would only add cold-start bytes. The lazy
  // imports stay imports too: each is its own file. The Node.js runtimes since 18 ship the whole SDK v3
  // (every @aws-sdk/client-*, lib-dynamodb among them), so @aws-sdk/client-s3, which the photo store
  // uses (Put, Get, List, DeleteObjects: operations older than any runtime's SDK), needs nothing
  // more; its version is the runtime's, not package-lock's, as for DynamoDB, SES and Secrets Manager.
  external: ['@aws-sdk/*', ...Object.keys(lazyImports)],
  // ESM bundles have no `require`, which a few CommonJS dependencies still call.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  // The tracer's X-Ray SDK calls one function of semver, in code the portal never runs (semver-gte.ts).
  alias: { semver: fileURLToPath(new URL('./semver-gte.ts', import.meta.url)) },
} as const;

/**
 * The same options for esbuild's build API, which takes the banner per output type (CDK's `banner`
 * and esbuild's command line take a string): what the local bundles, the lazy imports and the bundle
 * checks build with.
 */
export const functionBuildOptions: BuildOptions = {
  ...functionBundling,
  banner: { js: functionBundling.banner },
  external: [...functionBundling.external],
  alias: { ...functionBundling.alias },
  bundle: true,
};

/**
 * The content folders a function reads at run time (content/load.ts reads them beside its own
 * module, which in a bundle is index.mjs), copied next to its bundle. Keyed by the function's entry:
 * PortalFunction and the local bundles (local/function-bundles.ts) both read this, so what the stack
 * ships and what the suite runs cannot differ.
 */
export const bundledContentFolders: Readonly<Record<string, readonly string[]>> = {
  'functions/handlers/deployment/seed.ts': ['venues', 'editions', 'privacy'],
  'functions/handlers/scheduled/retention.ts': ['editions'],
};
