import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkPhoto } from '../../functions/domain/photos/check-photo.ts';
import { PhotoRejected, type PhotoRejectionReason } from '../../functions/domain/photos/photo.ts';

const fixtures = join(import.meta.dirname, '../fixtures/photos');
const fixture = async (name: string) => new Uint8Array(await readFile(join(fixtures, name)));

const jpegWithGps = await fixture('gps-exif.jpg');
const pngWithText = await fixture('text-exif.png');
const webpWithExif = await fixture('exif-xmp.webp');

function rejection(bytes: Uint8Array): { reason: PhotoRejectionReason; status: number } {
  try {
    checkPhoto(bytes);
  } catch (error) {
    if (error instanceof PhotoRejected) return { reason: error.reason, status: error.status };
    throw error;
  }
  throw new Error('the photo was accepted');
}

const contains = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(text, 0, 'latin1');

/** Text every fixture's metadata carries: the GPS position, the camera, XMP, IPTC, the TIFF header of EXIF. */
const leaks = [
  'GPS 30.7450',
  'WuzhenTestCam',
  'xmpmeta',
  'ns.adobe.com/exif',
  '8BIM',
  'Villager',
  'MM\0*',
  'trailer',
];

async function metadataOf(bytes: Uint8Array) {
  const { exif, xmp, iptc, comments } = await sharp(bytes).metadata();
  return { exif, xmp, iptc, comments };
}

async function pixelsOf(bytes: Uint8Array) {
  return sharp(bytes).raw().toBuffer();
}

/** A JPEG's markers before its first scan, and its bytes from that scan to EOI (the entropy-coded data). */
function jpegParts(bytes: Uint8Array) {
  const markers: number[] = [];
  let at = 2;
  while (bytes[at + 1] !== 0xda) {
    markers.push(bytes[at + 1] ?? 0);
    at += 2 + (((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0));
  }
  const endOfImage = Buffer.from(bytes).lastIndexOf(Buffer.from([0xff, 0xd9]));
  return { markers, scans: bytes.subarray(at, endOfImage + 2) };
}

function pngChunks(bytes: Uint8Array) {
  const view = Buffer.from(bytes);
  const chunks: { type: string; bytes: Uint8Array }[] = [];
  for (let at = 8; at < bytes.length; ) {
    const end = at + 12 + view.readUInt32BE(at);
    chunks.push({ type: view.toString('latin1', at + 4, at + 8), bytes: bytes.subarray(at, end) });
    at = end;
  }
  return chunks;
}

function riffChunks(bytes: Uint8Array) {
  const view = Buffer.from(bytes);
  const chunks: { fourCC: string; bytes: Uint8Array }[] = [];
  for (let at = 12; at < bytes.length; ) {
    const length = view.readUInt32LE(at + 4);
    const end = at + 8 + length + (length % 2);
    chunks.push({ fourCC: view.toString('latin1', at, at + 4), bytes: bytes.subarray(at, end) });
    at = end;
  }
  return chunks;
}

/** A PNG whose IHDR says `width`×`height` (with its checksum made right), the pixels left as they are. */
function pngSized(width: number, height: number): Uint8Array {
  const bytes = Buffer.from(pngWithText);
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.writeUInt32BE(crc32(bytes.subarray(12, 29)), 29);
  return new Uint8Array(bytes);
}

describe('checkPhoto removes the metadata and keeps the image', () => {
  it('a JPEG with GPS EXIF, XMP, IPTC, a comment and a trailer comes back with none of them', async () => {
    expect(await metadataOf(jpegWithGps)).toMatchObject({
      exif: expect.any(Buffer),
      xmp: expect.any(Buffer),
    });
    for (const leak of leaks.filter((text) => text !== 'Villager'))
      expect(contains(jpegWithGps, leak)).toBe(true);

    const photo = checkPhoto(jpegWithGps);

    expect(photo).toMatchObject({ type: 'image/jpeg', width: 96, height: 64 });
    expect(await metadataOf(photo.bytes)).toEqual({});
    for (const leak of leaks) expect(contains(photo.bytes, leak), leak).toBe(false);
    const before = jpegParts(jpegWithGps);
    const after = jpegParts(photo.bytes);
    expect(
      before.markers.filter((marker) => marker === 0xe1 || marker === 0xed || marker === 0xfe),
    ).toHaveLength(4);
    expect(after.markers).toEqual(
      before.markers.filter((marker) => marker !== 0xe1 && marker !== 0xed && marker !== 0xfe),
    );
    expect(after.scans).toEqual(before.scans);
    expect(photo.bytes.length).toBe(after.scans.byteOffset - photo.bytes.byteOffset + after.scans.length);
    expect(await pixelsOf(photo.bytes)).toEqual(await pixelsOf(jpegWithGps));
  });

  it('a PNG with tEXt, zTXt, iTXt (XMP), eXIf and tIME comes back with its image chunks alone, unchanged', async () => {
    expect((await metadataOf(pngWithText)).comments).toHaveLength(2);

    const photo = checkPhoto(pngWithText);

    expect(photo).toMatchObject({ type: 'image/png', width: 96, height: 64 });
    expect(await metadataOf(photo.bytes)).toEqual({});
    for (const leak of leaks.filter((text) => text !== 'trailer'))
      expect(contains(photo.bytes, leak), leak).toBe(false);
    const kept = pngChunks(pngWithText).filter(
      ({ type }) => !['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME'].includes(type),
    );
    expect(kept.length).toBeLessThan(pngChunks(pngWithText).length - 4);
    expect(pngChunks(photo.bytes)).toEqual(kept);
    expect(await pixelsOf(photo.bytes)).toEqual(await pixelsOf(pngWithText));
  });

  it('a WebP with EXIF and XMP chunks comes back without them, its VP8X flags cleared and the bitstream unchanged', async () => {
    expect(await metadataOf(webpWithExif)).toMatchObject({
      exif: expect.any(Buffer),
      xmp: expect.any(Buffer),
    });

    const photo = checkPhoto(webpWithExif);

    expect(photo).toMatchObject({ type: 'image/webp', width: 96, height: 64 });
    expect(await metadataOf(photo.bytes)).toEqual({});
    for (const leak of leaks.filter((text) => text !== 'trailer'))
      expect(contains(photo.bytes, leak), leak).toBe(false);
    const [canvas, bitstream, ...rest] = riffChunks(photo.bytes);
    expect(canvas?.fourCC).toBe('VP8X');
    expect((canvas?.bytes[8] ?? 0xff) & 0x0c).toBe(0);
    expect(bitstream).toEqual(riffChunks(webpWithExif).find(({ fourCC }) => fourCC === 'VP8 '));
    expect(rest).toEqual([]);
    expect(Buffer.from(photo.bytes).readUInt32LE(4)).toBe(photo.bytes.length - 8);
    expect(await pixelsOf(photo.bytes)).toEqual(await pixelsOf(webpWithExif));
  });

  it('a photo without metadata comes back byte for byte', () => {
    const clean = checkPhoto(checkPhoto(jpegWithGps).bytes);
    expect(clean.bytes).toEqual(checkPhoto(jpegWithGps).bytes);
    expect(checkPhoto(checkPhoto(pngWithText).bytes).bytes).toEqual(checkPhoto(pngWithText).bytes);
  });
});

describe('checkPhoto takes the encodings phones and canvases write, unchanged when they carry no metadata', () => {
  const pixels = (channels: 3 | 4) => {
    const raw = Buffer.alloc(300 * 200 * channels);
    for (let at = 0; at < raw.length; at++) raw[at] = (at * 31 + (at >> 7)) % 251;
    return sharp(raw, { raw: { width: 300, height: 200, channels } });
  };
  const encodings: [string, () => Promise<Buffer>, string][] = [
    [
      'a progressive JPEG (several scans, tables between them)',
      () => pixels(3).jpeg({ progressive: true }).toBuffer(),
      'image/jpeg',
    ],
    [
      'a JPEG without chroma subsampling',
      () => pixels(3).jpeg({ chromaSubsampling: '4:4:4', quality: 95 }).toBuffer(),
      'image/jpeg',
    ],
    ['a palette PNG', () => pixels(3).png({ palette: true }).toBuffer(), 'image/png'],
    ['a PNG with alpha', () => pixels(4).png().toBuffer(), 'image/png'],
    ['a lossless WebP (VP8L)', () => pixels(3).webp({ lossless: true }).toBuffer(), 'image/webp'],
    ['a lossy WebP with alpha (VP8X, ALPH)', () => pixels(4).webp({ quality: 70 }).toBuffer(), 'image/webp'],
  ];
  for (const [name, encode, type] of encodings) {
    it(name, async () => {
      const bytes = new Uint8Array(await encode());
      expect(checkPhoto(bytes)).toEqual({ type, width: 300, height: 200, bytes });
    });
  }
});

describe('checkPhoto refuses bad uploads, naming the reason', () => {
  it('zero bytes: empty, 400', () => {
    expect(rejection(new Uint8Array())).toEqual({ reason: 'empty', status: 400 });
  });

  it('30 MB: too large, 413, before anything else is looked at', () => {
    const huge = new Uint8Array(30 * 1024 * 1024);
    huge.set(jpegWithGps);
    expect(rejection(huge)).toEqual({ reason: 'too-large', status: 413 });
    expect(rejection(new Uint8Array(4 * 1024 * 1024 + 1))).toEqual({ reason: 'too-large', status: 413 });
  });

  it('a renamed executable and a text file: not an image', async () => {
    expect(rejection(await fixture('renamed-executable.jpg'))).toEqual({
      reason: 'not-an-image',
      status: 400,
    });
    expect(rejection(new TextEncoder().encode('#!/bin/sh\necho hello\n'))).toEqual({
      reason: 'not-an-image',
      status: 400,
    });
  });

  it('GIF, TIFF, HEIC and SVG: an image type that is not accepted', () => {
    const starts = [
      'GIF89a\x01\0\x01\0',
      'II*\0\x08\0\0\0',
      '\0\0\0\x18ftypheic',
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
    ];
    for (const start of starts) {
      expect(rejection(Buffer.from(start, 'latin1')), start).toEqual({
        reason: 'unsupported-type',
        status: 400,
      });
    }
  });

  it('a JPEG cut inside its image data: truncated', async () => {
    expect(rejection(await fixture('truncated.jpg'))).toEqual({ reason: 'truncated', status: 400 });
  });

  it('every fixture cut anywhere after its magic bytes is truncated', () => {
    const endOfJpeg = Buffer.from(jpegWithGps).lastIndexOf(Buffer.from([0xff, 0xd9])) + 2;
    for (const [bytes, end] of [
      [jpegWithGps, endOfJpeg],
      [pngWithText, pngWithText.length],
      [webpWithExif, webpWithExif.length],
    ] as const) {
      for (let cut = 16; cut < end; cut++) {
        const { reason } = rejection(bytes.subarray(0, cut));
        if (reason !== 'truncated') expect.fail(`cut at ${cut} of ${end}: ${reason}`);
      }
    }
  });

  it('sides of 0 or beyond 4,096 pixels: dimensions; 4,096 × 4,096: too many pixels', () => {
    expect(rejection(pngSized(0, 64))).toEqual({ reason: 'dimensions', status: 400 });
    expect(rejection(pngSized(4097, 64))).toEqual({ reason: 'dimensions', status: 400 });
    expect(rejection(pngSized(96, 5000))).toEqual({ reason: 'dimensions', status: 400 });
    expect(rejection(pngSized(4096, 4096))).toEqual({ reason: 'too-many-pixels', status: 400 });
    expect(checkPhoto(pngSized(4032, 3024))).toMatchObject({ width: 4032, height: 3024 });
  });

  it('damaged bytes are accepted or refused with a reason, never anything else', () => {
    const damaged = (bytes: Uint8Array) =>
      fc
        .array(fc.record({ at: fc.nat(bytes.length - 1), value: fc.nat(255) }), {
          minLength: 1,
          maxLength: 8,
        })
        .map((changes) => {
          const copy = bytes.slice();
          for (const { at, value } of changes) copy[at] = value;
          return copy;
        });
    for (const bytes of [jpegWithGps, pngWithText, webpWithExif]) {
      fc.assert(
        fc.property(damaged(bytes), (copy) => {
          try {
            const photo = checkPhoto(copy);
            expect(photo.bytes.length).toBeLessThanOrEqual(copy.length);
          } catch (error) {
            expect(error).toBeInstanceOf(PhotoRejected);
          }
        }),
        { numRuns: 300, seed: 15 },
      );
    }
  });
});
