// The encoder alone: the package's main module also loads its PNG, terminal and UTF-8 renderers
// (pngjs among them), which only the mailer's PNG needs (qr-code-png.ts).
import { create } from 'qrcode/lib/core/qrcode.js';

/**
 * Q restores a quarter of the symbol, for a cracked phone screen or a weathered print. A check-in code
 * fits version 1 at Q as at M, so the extra redundancy costs a ticket nothing.
 */
export const errorCorrectionLevel = 'Q';

/** The four modules of empty margin ISO/IEC 18004 asks for; scanners find the symbol by it. */
export const quietZone = 4;

export interface QrCodeSvgOptions {
  /** What the code is for, read out by screen readers. */
  title?: string;
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** One run of dark modules in a row, in modules from the symbol's top left, quiet zone included. */
export interface ModuleRun {
  x: number;
  y: number;
  length: number;
}

/** The symbol's dark modules as horizontal runs, and its side with the quiet zone, in modules. */
export function qrCodeRuns(text: string): { side: number; runs: ModuleRun[] } {
  const { modules } = create(text, { errorCorrectionLevel });
  const runs: ModuleRun[] = [];
  for (let row = 0; row < modules.size; row++) {
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column++;
      runs.push({ x: start + quietZone, y: row + quietZone, length: column - start });
    }
  }
  return { side: modules.size + 2 * quietZone, runs };
}

/**
 * The symbol as an SVG measured in modules: it has a viewBox and no size, so it scales to any print
 * size, and crisp edges keep anti-aliasing from blurring the modules together.
 */
export async function qrCodeSvg(text: string, { title }: QrCodeSvgOptions = {}): Promise<string> {
  const { side, runs } = qrCodeRuns(text);
  const path = runs.map(({ x, y, length }) => `M${x} ${y}h${length}v1H${x}z`).join('');
  const titleElement = title === undefined ? '' : `<title>${escapeXml(title)}</title>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges" role="img">` +
    `${titleElement}<rect width="${side}" height="${side}" fill="#fff"/>` +
    `<path fill="#000" d="${path}"/></svg>`
  );
}
