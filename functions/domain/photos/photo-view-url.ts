import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How photos are shown, in AWS and locally alike (the bucket is never reachable from the internet):
 * a URL of the portal's own API that shows one photo until an instant, signed with HMAC-SHA-256
 * under a key only the server holds. The signed text
 * names its purpose so a signature made for something else with the same key never passes here.
 */
export interface PhotoViewQuery {
  key: string;
  expires: string;
  signature: string;
}

/** Whole Unix seconds, as written in the URL: no sign, no fraction, no exponent. */
const unixSeconds = /^[0-9]{1,12}$/;

function signature(secret: string, key: string, expires: string): Buffer {
  return createHmac('sha256', secret).update(`photo-view\n${key}\n${expires}`, 'utf8').digest();
}

/** `path?key=…&expires=…&signature=…`, good until `expires` (Unix seconds). */
export function signedPhotoViewUrl(secret: string, path: string, key: string, expires: number): string {
  const query = new URLSearchParams({
    key,
    expires: String(expires),
    signature: signature(secret, key, String(expires)).toString('base64url'),
  });
  return `${path}?${query}`;
}

/** The key the URL's query shows, or undefined when it is expired, altered or not signed with `secret`. */
export function verifiedPhotoViewKey(secret: string, query: PhotoViewQuery, now: Date): string | undefined {
  if (!unixSeconds.test(query.expires) || Number(query.expires) * 1000 <= now.getTime()) return undefined;
  const expected = signature(secret, query.key, query.expires);
  const presented = Buffer.from(query.signature, 'base64url');
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return undefined;
  return query.key;
}

/** The API route that serves a photo to the holder of a signed view URL. */
export const photoViewPath = '/api/resident-affairs/photo';

/** How long a view URL shows its photo: long enough to open a page, short enough not to be passed on. */
export const photoViewSeconds = 300;

export interface PhotoView {
  url: string;
  expiresAt: string;
}

/** A view URL for each photo key, good for `photoViewSeconds` from `now`. */
export function photoViews(secret: string, keys: readonly string[], now: Date): PhotoView[] {
  const expires = Math.floor(now.getTime() / 1000) + photoViewSeconds;
  return keys.map((key) => ({
    url: signedPhotoViewUrl(secret, photoViewPath, key, expires),
    expiresAt: new Date(expires * 1000).toISOString(),
  }));
}
