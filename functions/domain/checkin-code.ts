import { randomBytes as cryptoRandomBytes } from 'node:crypto';

/**
 * Digits and capitals without 0, O, 1 and I, which people misread on paper and screens. Digits and
 * capitals only also let a QR code store the code in its compact alphanumeric mode.
 */
export const checkinAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

const base = checkinAlphabet.length;
const payloadLength = 8;
const codeLength = payloadLength + 1;

/**
 * Luhn mod N over symbol values, weighting every second value from the right by two; the rightmost
 * value gets `rightmostWeight`. Doubling then adding the two base-32 digits maps the values one to
 * one, so any single wrong symbol changes the remainder.
 */
function luhnRemainder(values: readonly number[], rightmostWeight: 1 | 2): number {
  const sum = values.reduceRight((total, value, index) => {
    const fromRight = values.length - 1 - index;
    const weighted = value * (fromRight % 2 === 0 ? rightmostWeight : 3 - rightmostWeight);
    return total + Math.floor(weighted / base) + (weighted % base);
  }, 0);
  return sum % base;
}

/**
 * Eight random symbols and a Luhn mod 32 check symbol. 32 divides 256, so taking a byte modulo 32
 * keeps every symbol equally likely.
 */
export function generateCheckinCode(randomBytes: (size: number) => Uint8Array = cryptoRandomBytes): string {
  const bytes = randomBytes(payloadLength);
  if (bytes.length < payloadLength) {
    throw new RangeError(`generateCheckinCode: needs ${payloadLength} random bytes, got ${bytes.length}`);
  }
  const payload = Array.from(bytes.subarray(0, payloadLength), (byte) => byte % base);
  const check = (base - luhnRemainder(payload, 2)) % base;
  return [...payload, check].map((value) => checkinAlphabet.charAt(value)).join('');
}

/**
 * The code as typed or scanned, or undefined when it is not one. NFKC folds the full-width letters a
 * Chinese input method produces into ASCII; the dashes are the ones people and word processors type.
 */
export function normalizeCheckinCode(input: string): string | undefined {
  const code = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\u2010-\u2015-]/g, '');
  if (code.length !== codeLength) return undefined;
  const values = Array.from(code, (symbol) => checkinAlphabet.indexOf(symbol));
  if (values.some((value) => value < 0)) return undefined;
  return luhnRemainder(values, 1) === 0 ? code : undefined;
}

/** `ABCD-EFGH-J`: groups of four are easier to read aloud and to compare. */
export function formatCheckinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}
