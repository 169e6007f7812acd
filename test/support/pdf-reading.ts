// Reads PDFs as a printer's software would, with poppler-utils (Debian's package; .ci/run installs
// it): the words and where they sit, the fonts embedded, and a page as pixels.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';

// pngjs comes with qrcode and has no type declarations of its own.
const { PNG } = createRequire(import.meta.url)('pngjs') as {
  PNG: { sync: { read(png: Buffer): { width: number; height: number; data: Buffer } } };
};

export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfPage {
  width: number;
  height: number;
  words: PdfWord[];
}

/** Runs a poppler tool on the PDF in a folder of its own; answers its output file or stdout. */
function withPdf<T>(pdf: Buffer, run: (file: string, folder: string) => T): T {
  const folder = mkdtempSync(join(tmpdir(), 'badges-pdf-'));
  try {
    const file = join(folder, 'badges.pdf');
    writeFileSync(file, pdf);
    return run(file, folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const unescapeXml = (text: string) =>
  text.replace(
    /&(amp|lt|gt|quot|apos);/g,
    (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name] ?? '',
  );

/** Every word on every page, with its box in points from the page's top left (`pdftotext -bbox`). */
export function pdfWords(pdf: Buffer): PdfPage[] {
  const html = withPdf(pdf, (file) => execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' }));
  return [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((page) => ({
    width: Number(page[1]),
    height: Number(page[2]),
    words: [
      ...(page[3] ?? '').matchAll(
        /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g,
      ),
    ].map((word) => ({
      xMin: Number(word[1]),
      yMin: Number(word[2]),
      xMax: Number(word[3]),
      yMax: Number(word[4]),
      text: unescapeXml(word[5] ?? ''),
    })),
  }));
}

/** The text of each page in the order it was drawn (`pdftotext -raw`). */
export function pdfPageTexts(pdf: Buffer): string[] {
  const text = withPdf(pdf, (file) => execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }));
  return text.split('\f').slice(0, -1);
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

/** The fonts the PDF uses (`pdffonts`). */
export function pdfFonts(pdf: Buffer): PdfFont[] {
  const table = withPdf(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
  return table
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      const [name = '', ...rest] = line.trim().split(/\s+/);
      // name, type (one or more words), encoding, emb, sub, uni, object id, generation
      const [emb, sub] = rest.slice(-5, -3);
      return { name, type: rest.slice(0, -6).join(' '), embedded: emb === 'yes', subset: sub === 'yes' };
    });
}

/** The PDF's page count (`pdfinfo`). */
export function pdfPageCount(pdf: Buffer): number {
  const info = withPdf(pdf, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/** A part of a page, in points from its top left. */
export interface PageArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A page rendered at `dpi` (`pdftoppm`), or only `area` of it, and its QR code decoded (jsQR): what
 * a desk's camera reads. One code at a time: jsQR reads one symbol an image.
 */
export function decodePageQr(pdf: Buffer, page: number, dpi: number, area?: PageArea): string | undefined {
  const pixels = (points: number) => String(Math.round((points * dpi) / 72));
  const crop = area
    ? ['-x', pixels(area.x), '-y', pixels(area.y), '-W', pixels(area.width), '-H', pixels(area.height)]
    : [];
  const png = withPdf(pdf, (file, folder) => {
    const prefix = join(folder, 'page');
    const pages = ['-f', String(page), '-l', String(page)];
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), ...pages, ...crop, '-singlefile', file, prefix]);
    return readFileSync(`${prefix}.png`);
  });
  const image = PNG.sync.read(png);
  const data = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return jsQR(data, image.width, image.height)?.data;
}
