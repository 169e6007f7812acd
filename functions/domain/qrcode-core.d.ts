/**
 * The qrcode package's encoder module, imported on its own by qr-code.ts: the same `create` as the
 * package's main module exports (and @types/qrcode describes), without its renderers.
 */
declare module 'qrcode/lib/core/qrcode.js' {
  export const create: typeof import('qrcode').create;
}
