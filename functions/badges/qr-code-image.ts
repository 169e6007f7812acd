import { crc32, deflateSync } from 'node:zlib';
import { qrCodeRuns } from '../domain/qr-code.ts';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, checksum]);
}

/**
 * The symbol as a one-bit greyscale PNG, one pixel a module, quiet zone included: about 500 bytes,
 * which pdfkit embeds as it is (no alpha to split off). A PDF viewer or printer scales it up without
 * interpolation, so the modules stay sharp; drawn as vector runs instead, each code cost four times
 * the bytes, and 2,000 of them would not fit one answer.
 */
export function qrCodeImage(text: string): Buffer {
  const { side, runs } = qrCodeRuns(text);
  const rowBytes = Math.ceil(side / 8);
  // Each row: the filter type (0, none), then the pixels, 1 = white, so every bit starts set.
  const pixels = Buffer.alloc((rowBytes + 1) * side, 0xff);
  for (let row = 0; row < side; row++) pixels[row * (rowBytes + 1)] = 0;
  for (const { x, y, length } of runs) {
    for (let column = x; column < x + length; column++) {
      const index = y * (rowBytes + 1) + 1 + (column >> 3);
      pixels[index] = (pixels[index] ?? 0) & ~(0x80 >> (column & 7));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
