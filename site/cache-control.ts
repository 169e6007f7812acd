/**
 * How long browsers may keep the site's files: the one definition both CloudFront
 * (infra/constructs/site.ts, response headers policies) and the local server (local/server.ts) send.
 * It lives beside the site because it follows from how the build names its files.
 */

/** Vite's hashed scripts and stylesheets: a new build names new files, so a copy never goes stale. */
export const hashedAssetsPath = '/_astro/';
export const hashedAssetCacheControl = 'public, max-age=31536000, immutable';

/**
 * Every other file keeps its name from build to build: the pages, the schedule exports, the search
 * index, the manifests and /sw.js. Browsers keep them but ask again each time (If-None-Match, a 304
 * while unchanged), so a deploy is seen at once and the browser's check for a new service worker
 * never reads a stale copy of /sw.js.
 */
export const revalidatedCacheControl = 'no-cache';

export function siteCacheControl(path: string): string {
  return path.startsWith(hashedAssetsPath) ? hashedAssetCacheControl : revalidatedCacheControl;
}
