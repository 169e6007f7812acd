import { toBuffer } from 'qrcode';
import { errorCorrectionLevel, quietZone } from './qr-code.ts';

/** The same symbol as a PNG `size` pixels wide, for e-mail clients that do not show SVG. */
export function qrCodePng(text: string, size = 400): Promise<Buffer> {
  return toBuffer(text, { type: 'png', errorCorrectionLevel, margin: quietZone, width: size });
}
