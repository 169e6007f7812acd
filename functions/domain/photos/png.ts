import { crc32 } from 'node:zlib';
import { concatBytes, dataView, type WalkedImage } from './bytes.ts';
import { PhotoRejected } from './photo.ts';

const signatureLength = 8;

/**
 * Chunks kept: the critical ones, those that change how pixels look (transparency, gamma, colour
 * space, HDR, density, background) and APNG's frames. Every other chunk goes, whatever its name:
 * eXIf, tEXt, iTXt (XMP), zTXt, tIME and any private chunk that could carry metadata.
 */
const keptChunks = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'sBIT',
  'cICP',
  'mDCV',
  'cLLI',
  'pHYs',
  'bKGD',
  'acTL',
  'fcTL',
  'fdAT',
]);

const truncated = () => new PhotoRejected('truncated', 'the PNG ends before its IEND chunk');
const malformed = (what: string) => new PhotoRejected('not-an-image', `the PNG is malformed: ${what}`);

/** Walks every chunk from the signature to IEND (checking each CRC) and drops the metadata chunks. */
export function walkPng(bytes: Uint8Array): WalkedImage {
  const view = dataView(bytes);
  const parts: Uint8Array[] = [bytes.subarray(0, signatureLength)];
  let header: { width: number; height: number } | undefined;
  let imageData = false;
  let offset = signatureLength;
  for (;;) {
    if (offset + 8 > bytes.length) throw truncated();
    const length = view.getUint32(offset);
    if (length > 0x7fffffff) throw malformed(`chunk length ${length}`);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) throw malformed(`chunk type at byte ${offset}`);
    const end = offset + 12 + length;
    if (end > bytes.length) throw truncated();
    if (view.getUint32(end - 4) !== crc32(bytes.subarray(offset + 4, end - 4))) {
      throw malformed(`the ${type} chunk's checksum does not match`);
    }
    if (!header) {
      if (type !== 'IHDR' || length !== 13) throw malformed('it does not start with IHDR');
      header = { width: view.getUint32(offset + 8), height: view.getUint32(offset + 12) };
    }
    if (type === 'IDAT') imageData = true;
    const critical = type.charCodeAt(0) < 0x61;
    if (critical && !keptChunks.has(type)) {
      throw new PhotoRejected('unsupported-type', `the PNG needs a ${type} chunk, which is not standard`);
    }
    if (keptChunks.has(type)) parts.push(bytes.subarray(offset, end));
    offset = end;
    if (type === 'IEND') {
      if (!imageData) throw malformed('it has no image data');
      return { ...header, bytes: concatBytes(parts) };
    }
  }
}
