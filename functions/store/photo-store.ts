import type { PhotoType } from '../domain/photos/photo.ts';

/**
 * Where checked photos are kept: a private S3 bucket in AWS, `.data/uploads/` locally. Keys are
 * opaque to the store but for their prefix: `staged/<uploadId>` for a photo uploaded and not yet
 * attached, `requests/<requestId>/<n>` once its request exists. Only bytes that passed
 * `checkPhoto` go in. Nobody reaches the store but the API: photos are shown through its signed
 * view route (functions/domain/photos/photo-view-url.ts), never by a URL of the bucket.
 */
export interface PhotoStore {
  /** `photo` passed `checkPhoto` (a CheckedPhoto), or was read back from this store. */
  put(key: string, photo: { type: PhotoType; bytes: Uint8Array }): Promise<void>;
  get(key: string): Promise<{ type: PhotoType; bytes: Uint8Array } | undefined>;
  /** Keys that are not stored are skipped. */
  remove(keys: string[]): Promise<void>;
  /** Removes the staged uploads stored before `before` (never attached); resolves to how many. */
  removeStagedBefore(before: Date): Promise<number>;
}

/** Where uploads wait to be attached, and where a request's photos live. */
export const stagedPrefix = 'staged/';
export const requestPhotosPrefix = 'requests/';

/**
 * Segments of letters, digits, `_` and `-` (never starting with a separator) joined by `/`: no `..`,
 * no absolute path, no backslash or control character, so a key cannot name a file outside the
 * store's folder or prefix.
 */
const photoKeyPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}(?:\/[A-Za-z0-9][A-Za-z0-9_-]{0,99}){0,7}$/;

export function assertPhotoKey(key: string): void {
  if (!photoKeyPattern.test(key)) throw new Error(`photo store: ${JSON.stringify(key)} is not a photo key`);
}
