import { startsWithAscii } from './bytes.ts';
import { PhotoRejected, type PhotoType } from './photo.ts';

/** Image formats recognised by their first bytes but not accepted: named so the refusal says so. */
const refusedFormats: { name: string; matches: (bytes: Uint8Array) => boolean }[] = [
  { name: 'GIF', matches: (bytes) => startsWithAscii(bytes, 'GIF87a') || startsWithAscii(bytes, 'GIF89a') },
  { name: 'BMP', matches: (bytes) => startsWithAscii(bytes, 'BM') },
  { name: 'TIFF', matches: (bytes) => startsWithAscii(bytes, 'II*\0') || startsWithAscii(bytes, 'MM\0*') },
  { name: 'HEIF/AVIF', matches: (bytes) => startsWithAscii(bytes, 'ftyp', 4) },
  { name: 'JPEG XL', matches: (bytes) => bytes[0] === 0xff && bytes[1] === 0x0a },
  { name: 'SVG', matches: (bytes) => startsWithAscii(bytes, '<svg') || startsWithAscii(bytes, '<?xml') },
];

/** The type the bytes themselves say (magic bytes), whatever name or content type came with them. */
export function photoTypeOf(bytes: Uint8Array): PhotoType {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (startsWithAscii(bytes, '\x89PNG\r\n\x1a\n')) return 'image/png';
  if (startsWithAscii(bytes, 'RIFF') && startsWithAscii(bytes, 'WEBP', 8)) return 'image/webp';
  const refused = refusedFormats.find((format) => format.matches(bytes));
  if (refused)
    throw new PhotoRejected('unsupported-type', `${refused.name} is not accepted: send JPEG, PNG or WebP`);
  throw new PhotoRejected('not-an-image', 'the file is not a JPEG, PNG or WebP image');
}
