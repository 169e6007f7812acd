import { sameOriginPath } from '../site/src/scripts/same-origin-path.ts';

/** Any origin: only the path is compared. */
const anyOrigin = 'http://portal.invalid';

/**
 * Whether a request target's path is already the one plain form a page is served under. A file
 * server decodes and normalises `//evil.example/..%2Forganizer/` into the organizer page, while the
 * page's own scripts read that address as another host; such paths, and any with dot segments,
 * backslashes or control characters, are no page of the site (S3 behind CloudFront has no key for
 * them either).
 */
export function isPlainSitePath(target: string): boolean {
  const query = target.indexOf('?');
  const path = query === -1 ? target : target.slice(0, query);
  return sameOriginPath(path, anyOrigin) === path;
}
