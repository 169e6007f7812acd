/**
 * The portal's security headers: the one definition both CloudFront (infra/constructs/site.ts) and
 * the local server (local/server.ts) send. It lives beside the site because the policy follows from
 * what the built pages load; it sits outside site/src because it is no part of any page.
 */

/** Where the guide's map gets its tiles (site/src/scripts/guide.ts). */
export const mapTileOrigin = 'https://tile.openstreetmap.org';

export interface SecurityHeaderOptions {
  /**
   * The organizers' sign-in origin (the Cognito hosted UI, `https://…`), known only in AWS: the
   * pages exchange codes for tokens there and may post forms to it.
   */
  signInOrigin?: string;
}

/** The parts of the definition that CloudFront models as settings of their own. */
export const strictTransportSecurity = { maxAgeSeconds: 2 * 365 * 24 * 60 * 60, includeSubDomains: true };
/** Manage tokens travel in the URL fragment, which no Referer carries, so the default policy is enough. */
export const referrerPolicy = 'strict-origin-when-cross-origin';
export const frameOptions = 'DENY';

/**
 * Only the two features a page uses, each for the portal itself: the check-in desk scans QR codes
 * with the camera, the guide's "Near me" asks for the position. The other powerful features are off;
 * only names Chromium knows are listed, as it reports unknown ones (e.g. bluetooth) as errors.
 */
export const permissionsPolicy = [
  'camera=(self)',
  'geolocation=(self)',
  'microphone=()',
  'display-capture=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'midi=()',
  'accelerometer=()',
  'gyroscope=()',
  'magnetometer=()',
  'browsing-topics=()',
].join(', ');

/**
 * No inline code or styles anywhere (compiling WebAssembly is no inline code): Astro's scripts are module files, its stylesheets are files
 * (`build.inlineStylesheets: 'never'`), track colours come from /tracks.css. JSON-LD blocks are
 * data, not scripts, and need no source.
 */
export function contentSecurityPolicy({ signInOrigin }: SecurityHeaderOptions = {}): string {
  const signIn = signInOrigin ? [signInOrigin] : [];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // WebAssembly for the site search: Pagefind runs its index lookups in a wasm module.
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'style-src': ["'self'"],
    // data: for Leaflet's inlined control images, blob: for the ticket QR the manage page fetches.
    'img-src': ["'self'", 'data:', 'blob:', mapTileOrigin],
    'connect-src': ["'self'", ...signIn],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'", ...signIn],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The headers as a plain map, as the local server sends them and a test compares them. */
export function securityHeaders(options: SecurityHeaderOptions = {}): Record<string, string> {
  const { maxAgeSeconds, includeSubDomains } = strictTransportSecurity;
  return {
    'Strict-Transport-Security': `max-age=${maxAgeSeconds}${includeSubDomains ? '; includeSubDomains' : ''}`,
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': referrerPolicy,
    'X-Frame-Options': frameOptions,
    'Permissions-Policy': permissionsPolicy,
  };
}
