import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The local stand-in for an S3 presigned GET: a URL of the portal's own API that shows one photo
 * until an instant, signed with HMAC-SHA-256 under a key only the server holds. The signed text
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
