import { concatBytes, dataView, type WalkedImage } from './bytes.ts';
import { PhotoRejected } from './photo.ts';

/** Chunks kept: the image and what draws it (alpha, animation, colour profile); EXIF, XMP and unknown chunks go. */
const keptChunks = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
/** VP8X flags (RIFF container spec): the bits that announce EXIF and XMP chunks, cleared with them. */
const exifFlag = 0x08;
const xmpFlag = 0x04;

const truncated = () => new PhotoRejected('truncated', 'the WebP ends before its RIFF size says');
const malformed = (what: string) => new PhotoRejected('not-an-image', `the WebP is malformed: ${what}`);

function chunkSize(chunk: Uint8Array): { width: number; height: number } | undefined {
  const fourCC = String.fromCharCode(...chunk.subarray(0, 4));
  const data = chunk.subarray(8);
  const view = dataView(data);
  if (fourCC === 'VP8X' && data.length >= 10) {
    return { width: (view.getUint32(4, true) & 0xffffff) + 1, height: (view.getUint32(6, true) >>> 8) + 1 };
  }
  if (fourCC === 'VP8 ' && data.length >= 10) {
    if (data[3] !== 0x9d || data[4] !== 0x01 || data[5] !== 0x2a) throw malformed('no VP8 start code');
    return { width: view.getUint16(6, true) & 0x3fff, height: view.getUint16(8, true) & 0x3fff };
  }
  if (fourCC === 'VP8L' && data.length >= 5) {
    if (data[0] !== 0x2f) throw malformed('no VP8L signature');
    const bits = view.getUint32(1, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  return undefined;
}

/**
 * Walks every chunk the RIFF header announces (a file shorter than that is truncated), drops EXIF,
 * XMP and unknown chunks, clears their VP8X flags and writes the new RIFF size. The first chunk
 * gives the size: VP8X's canvas, or the one bitstream of a simple file.
 */
export function walkWebp(bytes: Uint8Array): WalkedImage {
  const view = dataView(bytes);
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > bytes.length) throw truncated();
  const chunks: Uint8Array[] = [];
  let size: { width: number; height: number } | undefined;
  let image = false;
  let offset = 12;
  while (offset < riffEnd) {
    if (offset + 8 > riffEnd) throw truncated();
    const fourCC = String.fromCharCode(...bytes.subarray(offset, offset + 4));
    const length = view.getUint32(offset + 4, true);
    const end = offset + 8 + length + (length % 2);
    if (end > riffEnd) throw truncated();
    const chunk = bytes.subarray(offset, end);
    if (!size) {
      size = chunkSize(chunk);
      if (!size) throw malformed(`it starts with a ${JSON.stringify(fourCC)} chunk`);
    }
    if (fourCC === 'VP8 ' || fourCC === 'VP8L' || fourCC === 'ANMF') image = true;
    if (fourCC === 'VP8X') {
      const flagsCleared = chunk.slice();
      flagsCleared[8] = (flagsCleared[8] ?? 0) & ~(exifFlag | xmpFlag);
      chunks.push(flagsCleared);
    } else if (keptChunks.has(fourCC)) chunks.push(chunk);
    offset = end;
  }
  if (!size || !image) throw malformed('it has no image data');
  const body = concatBytes(chunks);
  const header = new Uint8Array(12);
  header.set(bytes.subarray(0, 12));
  dataView(header).setUint32(4, 4 + body.length, true);
  return { ...size, bytes: concatBytes([header, body]) };
}
