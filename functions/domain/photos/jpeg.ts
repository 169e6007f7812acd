import { concatBytes, startsWithAscii, type WalkedImage } from './bytes.ts';
import { PhotoRejected } from './photo.ts';

/** Start-of-frame markers (every coding process); C4, C8 and CC share the range but are not frames. */
const frameMarkers = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const startOfScan = 0xda;
const endOfImage = 0xd9;
const comment = 0xfe;

const truncated = () => new PhotoRejected('truncated', 'the JPEG ends before its end-of-image marker');
const malformed = (what: string) => new PhotoRejected('not-an-image', `the JPEG is malformed: ${what}`);

/**
 * Application segments are kept only when decoding needs them: JFIF (pixel density), the ICC
 * profile (colours) and Adobe's (the colour transform of CMYK files). Every other APPn (Exif with
 * GPS, XMP, IPTC in APP13, makers' notes, MPF's thumbnails) and comments go, whatever they are
 * named, so a segment nobody listed cannot carry metadata through.
 */
function keptSegment(marker: number, payload: Uint8Array): boolean {
  if (marker === comment) return false;
  if (marker < 0xe0 || marker > 0xef) return true;
  return (
    (marker === 0xe0 && startsWithAscii(payload, 'JFIF\0')) ||
    (marker === 0xe2 && startsWithAscii(payload, 'ICC_PROFILE\0')) ||
    (marker === 0xee && startsWithAscii(payload, 'Adobe'))
  );
}

/** The end of the entropy-coded data that starts at `from`: the offset of the next marker's 0xFF. */
function endOfScanData(bytes: Uint8Array, from: number): number {
  let at = from;
  for (;;) {
    const ff = bytes.indexOf(0xff, at);
    if (ff < 0 || ff + 1 >= bytes.length) throw truncated();
    const next = bytes[ff + 1] ?? 0;
    // 0xFF00 is a stuffed data byte, 0xFFD0–D7 a restart marker, 0xFFFF a fill byte before a marker.
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) at = ff + 2;
    else if (next === 0xff) at = ff + 1;
    else return ff;
  }
}

/**
 * Walks every segment from SOI to EOI (a file that stops before EOI is truncated) and keeps the
 * frame, tables and scans byte for byte; what follows EOI (makers' trailers, MPF's extra images) is
 * dropped with the metadata segments.
 */
export function walkJpeg(bytes: Uint8Array): WalkedImage {
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let frame: { width: number; height: number } | undefined;
  let scans = 0;
  let offset = 2;
  for (;;) {
    if (offset >= bytes.length) throw truncated();
    if (bytes[offset] !== 0xff) throw malformed(`no marker at byte ${offset}`);
    while (bytes[offset] === 0xff) offset++;
    if (offset >= bytes.length) throw truncated();
    const marker = bytes[offset] ?? 0;
    const segmentStart = offset - 1;
    offset++;
    if (marker === endOfImage) {
      if (!frame || scans === 0) throw malformed('it ends before any image data');
      parts.push(bytes.subarray(segmentStart, offset));
      return { ...frame, bytes: concatBytes(parts) };
    }
    if (marker === 0x00 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      throw malformed(`marker 0x${marker.toString(16)} outside a scan`);
    }
    if (offset + 2 > bytes.length) throw truncated();
    const length = ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
    if (length < 2) throw malformed(`segment length ${length}`);
    const end = offset + length;
    if (end > bytes.length) throw truncated();
    const payload = bytes.subarray(offset + 2, end);
    if (frameMarkers.has(marker)) {
      if (frame) throw malformed('more than one frame');
      if (payload.length < 6) throw malformed('a frame header too short');
      const height = ((payload[1] ?? 0) << 8) | (payload[2] ?? 0);
      const width = ((payload[3] ?? 0) << 8) | (payload[4] ?? 0);
      frame = { width, height };
    }
    if (marker === startOfScan) {
      if (!frame) throw malformed('a scan before the frame header');
      scans++;
      const scanEnd = endOfScanData(bytes, end);
      parts.push(bytes.subarray(segmentStart, scanEnd));
      offset = scanEnd;
      continue;
    }
    if (keptSegment(marker, payload)) parts.push(bytes.subarray(segmentStart, end));
    offset = end;
  }
}
