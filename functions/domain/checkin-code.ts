// Pure and free of Node APIs, so the pages format and check codes with the same code as the API.

/**
 * Digits and capitals without 0, O, 1 and I, which people misread on paper and screens. Digits and
 * capitals only also let a QR code store the code in its compact alphanumeric mode.
 */
export const checkinAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

const base = checkinAlphabet.length;
export const payloadLength = 8;
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

/** The symbol that completes a payload of symbol values into a valid code. */
export function checkSymbol(payload: readonly number[]): string {
  return checkinAlphabet.charAt((base - luhnRemainder(payload, 2)) % base);
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
