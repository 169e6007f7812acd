// Pure and free of Node APIs (WebCrypto only), so a desk verifies codes offline with the same code
// the API signs them with.
import { checkinAlphabet, normalizeCheckinCode } from './checkin-code.ts';

/**
 * A ticket's signed check-in code: `WZ1.<edition>.<key id>.<check-in code>.<Ed25519 signature>`,
 * 127 symbols, all in a QR code's alphanumeric mode (digits, capitals and `.`), so it fits a
 * version 7 code at level M. The signature is in the check-in alphabet (base 32), 103 symbols.
 */
export const signedCodePrefix = 'WZ1';
const signatureBytes = 64;
const signatureSymbols = Math.ceil((signatureBytes * 8) / 5);
export const signedCodeLength = signedCodePrefix.length + 4 + 4 + 9 + signatureSymbols + 4;

/** An edition's published public key: what a desk needs to verify that edition's codes offline. */
export interface CheckinPublicKey {
  edition: string;
  /** Four symbols of the check-in alphabet naming the key, so a rotated key does not fail silently. */
  keyId: string;
  /** The raw public key, as a JWK (OKP, Ed25519), which WebCrypto imports directly. */
  jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
}

export interface SignedCheckinFields {
  edition: string;
  keyId: string;
  code: string;
}

export type SignedCodeCheck =
  | { valid: true; fields: SignedCheckinFields }
  | { valid: false; reason: 'malformed' | 'other-edition' | 'unknown-key' | 'bad-signature' };

const editionPattern = /^\d{4}$/;
const keyIdPattern = new RegExp(`^[${checkinAlphabet}]{4}$`);

/**
 * The bytes the signature covers. The leading label keeps a signature made for anything else with
 * the same key (there is nothing else today) from passing as a check-in code.
 */
export function signedMessage({ edition, keyId, code }: SignedCheckinFields): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`wuzhen-checkin/1 ${edition} ${keyId} ${code}`);
}

/** Bytes to check-in alphabet symbols, five bits a symbol, the last symbol padded with zero bits. */
export function toBase32(bytes: Uint8Array): string {
  let symbols = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      symbols += checkinAlphabet.charAt((buffer >> bits) & 31);
    }
    buffer &= (1 << bits) - 1;
  }
  return bits > 0 ? symbols + checkinAlphabet.charAt((buffer << (5 - bits)) & 31) : symbols;
}

/**
 * The bytes back, or undefined when a symbol is not in the alphabet or the padding bits are not zero:
 * one text per signature, so an altered last symbol cannot pass as the same signature.
 */
export function fromBase32(symbols: string, byteLength: number): Uint8Array<ArrayBuffer> | undefined {
  if (symbols.length !== Math.ceil((byteLength * 8) / 5)) return undefined;
  const bytes = new Uint8Array(byteLength);
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const symbol of symbols) {
    const value = checkinAlphabet.indexOf(symbol);
    if (value < 0) return undefined;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[index++] = (buffer >> bits) & 255;
    }
    buffer &= (1 << bits) - 1;
  }
  return buffer === 0 ? bytes : undefined;
}

/** The code's text from its fields and signature. */
export function formatSignedCode(fields: SignedCheckinFields, signature: Uint8Array): string {
  return [signedCodePrefix, fields.edition, fields.keyId, fields.code, toBase32(signature)].join('.');
}

/** Whether a scanned text claims to be a signed code (an old 9-symbol code does not). */
export function isSignedCode(text: string): boolean {
  return text.trim().toUpperCase().startsWith(`${signedCodePrefix}.`);
}

function parseSignedCode(
  text: string,
): { fields: SignedCheckinFields; signature: Uint8Array<ArrayBuffer> } | undefined {
  const parts = text.trim().toUpperCase().split('.');
  if (parts.length !== 5) return undefined;
  const [prefix, edition = '', keyId = '', code = '', signatureText = ''] = parts;
  if (prefix !== signedCodePrefix || !editionPattern.test(edition) || !keyIdPattern.test(keyId))
    return undefined;
  if (normalizeCheckinCode(code) !== code) return undefined;
  const signature = fromBase32(signatureText, signatureBytes);
  return signature && { fields: { edition, keyId, code }, signature };
}

/**
 * The fields a signed code carries, unverified: online, its code is looked up exactly as if it had
 * been typed (the database, not the signature, decides there).
 */
export function signedCodeFields(text: string): SignedCheckinFields | undefined {
  return parseSignedCode(text)?.fields;
}

/**
 * Checks a scanned code offline against the keys published for `edition`: refused when it is not a
 * signed code, is for another edition, names a key the desk does not have, or its signature does not
 * match its fields (forged or altered).
 */
export async function verifySignedCode(
  text: string,
  edition: string,
  keys: readonly CheckinPublicKey[],
): Promise<SignedCodeCheck> {
  const parsed = parseSignedCode(text);
  if (!parsed) return { valid: false, reason: 'malformed' };
  const { fields, signature } = parsed;
  if (fields.edition !== edition) return { valid: false, reason: 'other-edition' };
  const key = keys.find((candidate) => candidate.edition === edition && candidate.keyId === fields.keyId);
  if (!key) return { valid: false, reason: 'unknown-key' };
  const publicKey = await crypto.subtle.importKey('jwk', key.jwk, { name: 'Ed25519' }, false, ['verify']);
  const matches = await crypto.subtle.verify(
    { name: 'Ed25519' },
    publicKey,
    signature,
    signedMessage(fields),
  );
  return matches ? { valid: true, fields } : { valid: false, reason: 'bad-signature' };
}
