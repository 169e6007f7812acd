import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrCodeSvg } from '../../functions/domain/qr-code.ts';
import { qrCodePng } from '../../functions/domain/qr-code-png.ts';

interface Bitmap {
  width: number;
  height: number;
  /** RGBA, four bytes a pixel, row by row. */
  pixels: Uint8Array;
}

// pngjs comes with qrcode and has no type declarations of its own.
const { PNG } = createRequire(import.meta.url)('pngjs') as {
  PNG: { sync: { read(png: Buffer): { width: number; height: number; data: Buffer } } };
};

const checkinCode = 'WUZHEN26P';
const venueUrl = 'https://example.org/v/west-scenic-zone/';

function renderSvg(svg: string, fitTo: { mode: 'width' | 'zoom'; value: number }): Bitmap {
  const image = new Resvg(svg, { fitTo }).render();
  return { width: image.width, height: image.height, pixels: image.pixels };
}

function readPng(png: Buffer): Bitmap {
  const image = PNG.sync.read(png);
  return { width: image.width, height: image.height, pixels: image.data };
}

const decode = ({ width, height, pixels }: Bitmap) =>
  jsQR(new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.byteLength), width, height)?.data;

const isDark = ({ width, pixels }: Bitmap, x: number, y: number) =>
  (pixels[(y * width + x) * 4] ?? 255) < 128;

/** The blank margin around the dark modules, in pixels, and the width of the first dark run. */
function margins(bitmap: Bitmap) {
  const dark: Array<[number, number]> = [];
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) if (isDark(bitmap, x, y)) dark.push([x, y]);
  }
  const xs = dark.map(([x]) => x);
  const ys = dark.map(([, y]) => y);
  const [left, top] = [Math.min(...xs), Math.min(...ys)];
  let finderWidth = 0;
  while (isDark(bitmap, left + finderWidth, top)) finderWidth++;
  return {
    left,
    top,
    right: bitmap.width - 1 - Math.max(...xs),
    bottom: bitmap.height - 1 - Math.max(...ys),
    // The top left finder pattern is seven modules wide, which gives the size of a module.
    module: finderWidth / 7,
  };
}

/**
 * The error correction level from the format information (ISO/IEC 18004 7.9): its first two bits sit
 * in row 8, columns 0 and 1, masked with 10; 00 is M, 01 L, 10 H and 11 Q.
 */
function errorCorrectionLevel(bitmap: Bitmap, module: number, origin: number) {
  const centre = (cell: number) => Math.floor(origin + (cell + 0.5) * module);
  const bit = (column: number) => (isDark(bitmap, centre(column), centre(8)) ? 1 : 0);
  return (['M', 'L', 'H', 'Q'] as const)[((bit(0) << 1) | bit(1)) ^ 0b10];
}

describe('qrCodeSvg', () => {
  it.each([checkinCode, venueUrl])('renders a symbol that decodes to %s', async (text) => {
    const svg = await qrCodeSvg(text);
    expect(decode(renderSvg(svg, { mode: 'width', value: 400 }))).toBe(text);
  });

  it('scales by its viewBox alone and keeps module edges crisp', async () => {
    const svg = await qrCodeSvg(checkinCode);
    const root = svg.slice(0, svg.indexOf('>') + 1);
    expect(root).toMatch(/ viewBox="0 0 (\d+) \1"/);
    expect(root).not.toMatch(/ (width|height)=/);
    expect(root).toContain(' shape-rendering="crispEdges"');
    expect(root).toContain(' role="img"');
  });

  it('leaves a quiet zone of at least four modules on every side', async () => {
    for (const text of [checkinCode, venueUrl]) {
      // Ten pixels to a viewBox unit; the finder pattern shows that a unit is one module.
      const bitmap = renderSvg(await qrCodeSvg(text), { mode: 'zoom', value: 10 });
      const { left, top, right, bottom, module } = margins(bitmap);
      expect(module).toBe(10);
      for (const margin of [left, top, right, bottom]) expect(margin).toBeGreaterThanOrEqual(4 * module);
    }
  });

  it('corrects errors at level Q, more than the M a ticket needs', async () => {
    const bitmap = renderSvg(await qrCodeSvg(checkinCode), { mode: 'zoom', value: 10 });
    expect(errorCorrectionLevel(bitmap, 10, 40)).toBe('Q');
  });

  it('gives screen readers an escaped title', async () => {
    const svg = await qrCodeSvg(checkinCode, { title: 'Ticket <b>"Tom & Jerry"</b>' });
    expect(svg).toContain('<title>Ticket &#60;b&#62;&#34;Tom &#38; Jerry&#34;&#60;/b&#62;</title>');
    expect(svg).not.toContain('<b>');
    expect(decode(renderSvg(svg, { mode: 'width', value: 400 }))).toBe(checkinCode);
  });

  it('has no title unless given one', async () => {
    expect(await qrCodeSvg(checkinCode)).not.toContain('<title');
  });
});

describe('qrCodePng', () => {
  it.each([checkinCode, venueUrl])('renders a PNG that decodes to %s', async (text) => {
    const bitmap = readPng(await qrCodePng(text));
    expect(bitmap.width).toBe(400);
    expect(decode(bitmap)).toBe(text);
  });

  it('is as wide as asked and keeps the quiet zone', async () => {
    const bitmap = readPng(await qrCodePng(checkinCode, 290));
    expect([bitmap.width, bitmap.height]).toEqual([290, 290]);
    const { left, top, right, bottom, module } = margins(bitmap);
    // 290 pixels over 21 modules and two quiet zones of 4 is exactly 10 pixels a module.
    expect(module).toBe(10);
    for (const margin of [left, top, right, bottom]) expect(margin).toBeGreaterThanOrEqual(4 * module);
    expect(errorCorrectionLevel(bitmap, module, left)).toBe('Q');
  });
});
