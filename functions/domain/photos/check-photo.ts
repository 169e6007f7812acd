import type { WalkedImage } from './bytes.ts';
import { walkJpeg } from './jpeg.ts';
import { type CheckedPhoto, PhotoRejected, type PhotoType, photoLimits } from './photo.ts';
import { photoTypeOf } from './photo-type.ts';
import { walkPng } from './png.ts';
import { walkWebp } from './webp.ts';

const walkers: Record<PhotoType, (bytes: Uint8Array) => WalkedImage> = {
  'image/jpeg': walkJpeg,
  'image/png': walkPng,
  'image/webp': walkWebp,
};

/**
 * The server's check of an uploaded photo, whatever the page did before sending it: the size, the
 * type its magic bytes say, a walk of its whole structure (a truncated file is refused), its
 * dimensions; the photo comes back with its metadata removed (EXIF with GPS, XMP, IPTC, comments,
 * text chunks) and its image data byte for byte as sent. Throws `PhotoRejected`.
 */
export function checkPhoto(bytes: Uint8Array): CheckedPhoto {
  if (bytes.length === 0) throw new PhotoRejected('empty', 'the file is empty');
  if (bytes.length > photoLimits.maxBytes) {
    throw new PhotoRejected('too-large', `a photo may be at most ${photoLimits.maxBytes} bytes`);
  }
  const type = photoTypeOf(bytes);
  const image = walkers[type](bytes);
  const { width, height } = image;
  if (
    width < 1 ||
    height < 1 ||
    width > photoLimits.maxAcceptedEdge ||
    height > photoLimits.maxAcceptedEdge
  ) {
    throw new PhotoRejected(
      'dimensions',
      `${width}×${height}: each side must be between 1 and ${photoLimits.maxAcceptedEdge} pixels`,
    );
  }
  if (width * height > photoLimits.maxPixels) {
    throw new PhotoRejected(
      'too-many-pixels',
      `${width}×${height} is more than ${photoLimits.maxPixels} pixels`,
    );
  }
  return { type, width, height, bytes: image.bytes };
}
