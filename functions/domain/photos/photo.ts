/** The photo types residents may upload: what phones and the report page's canvas produce. */
export const photoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof photoTypes)[number];

/** A photo that passed `checkPhoto`: its own type and size, its metadata removed. */
export interface CheckedPhoto {
  type: PhotoType;
  width: number;
  height: number;
  bytes: Uint8Array;
}

export const photoLimits = {
  maxBytes: 4 * 1024 * 1024,
  /** What the report page scales a photo to before sending it. */
  maxEdge: 2048,
  /** The longest edge the server takes from a client that does not scale (an Open311 app). */
  maxAcceptedEdge: 4096,
  /** A 4:3 photo at the longest accepted edge: a phone's 12 MP photo passes, a 16 MP square does not. */
  maxPixels: 4096 * 3072,
  maxPhotos: 3,
} as const;

export const photoRejectionReasons = [
  'not-an-image',
  'unsupported-type',
  'empty',
  'too-large',
  'truncated',
  'too-many-pixels',
  'dimensions',
] as const;
export type PhotoRejectionReason = (typeof photoRejectionReasons)[number];

/** Why an upload was refused, with the HTTP status the API answers it with. */
export class PhotoRejected extends Error {
  readonly reason: PhotoRejectionReason;
  readonly status: 400 | 413;

  constructor(reason: PhotoRejectionReason, detail: string) {
    super(detail);
    this.name = 'PhotoRejected';
    this.reason = reason;
    this.status = reason === 'too-large' ? 413 : 400;
  }
}
