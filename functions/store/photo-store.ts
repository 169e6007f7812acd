import type { CheckedPhoto, PhotoType } from '../domain/photos/photo.ts';

/**
 * Where checked photos are kept: a private S3 bucket in AWS, `.data/uploads/` locally. Keys are
 * opaque to the store ("requests/<requestId>/<n>"); only bytes that passed `checkPhoto` go in.
 */
export interface PhotoStore {
  put(key: string, photo: CheckedPhoto): Promise<void>;
  get(key: string): Promise<{ type: PhotoType; bytes: Uint8Array } | undefined>;
  /** Keys that are not stored are skipped. */
  remove(keys: string[]): Promise<void>;
  /**
   * Removes the staged uploads (`staged/<upload id>`) stored before `before`: photos uploaded for a
   * request that was never sent. Resolves to how many it removed.
   */
  removeStagedBefore(before: Date): Promise<number>;
  /** A URL that shows the photo for `seconds` (S3: presigned GET; locally: an HMAC-signed /api/... URL). */
  viewUrl(key: string, seconds: number): Promise<string>;
}

/**
 * Segments of letters, digits, `_` and `-` (never starting with a separator) joined by `/`: no `..`,
 * no absolute path, no backslash or control character, so a key cannot name a file outside the
 * store's folder or prefix.
 */
const photoKeyPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}(?:\/[A-Za-z0-9][A-Za-z0-9_-]{0,99}){0,7}$/;

/** Where uploads wait, one at a time, until a request attaches them. */
export const stagedPrefix = 'staged/';

export function assertPhotoKey(key: string): void {
  if (!photoKeyPattern.test(key)) throw new Error(`photo store: ${JSON.stringify(key)} is not a photo key`);
}

/** The longest a presigned S3 URL may last (SigV4's limit, seven days); the local URL keeps to it too. */
export const maxViewSeconds = 7 * 24 * 3600;

export function assertViewSeconds(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > maxViewSeconds) {
    throw new Error(`photo store: a view URL lasts 1 to ${maxViewSeconds} whole seconds, not ${seconds}`);
  }
}
