import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkinAlphabet,
  formatCheckinCode,
  normalizeCheckinCode,
} from '../../functions/domain/checkin-code.ts';
import { generateCheckinCode } from '../../functions/domain/checkin-code-generator.ts';

const randomPayload = fc.uint8Array({ minLength: 8, maxLength: 8 });
const codeFrom = (bytes: Uint8Array) => generateCheckinCode(() => bytes);
const validCode = randomPayload.map(codeFrom);

const replaceAt = (code: string, position: number, symbol: string) =>
  code.slice(0, position) + symbol + code.slice(position + 1);

const swapAt = (code: string, position: number) =>
  code.slice(0, position) + code.charAt(position + 1) + code.charAt(position) + code.slice(position + 2);

/**
 * Luhn mod N lets exactly one transposition through when N is even: the lowest and the highest
 * symbol ("2" and "Z"), since 0 + double(31) and 31 + double(0) are both 31 modulo 32.
 */
const undetectedTransposition = new Set(['2Z', 'Z2']);

/**
 * A valid code with the given symbols at the given positions. A single free payload position runs
 * through every symbol, which sends the check symbol through every symbol too, so a fixed check
 * symbol is reachable as well.
 */
function codeWith(fixed: Map<number, string>): string {
  const free = [0, 1, 2, 3, 4, 5, 6, 7].find((position) => !fixed.has(position));
  if (free === undefined) throw new Error('codeWith: no free payload position');
  for (let value = 0; value < checkinAlphabet.length; value++) {
    const bytes = Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7], (position) => {
      const symbol = fixed.get(position);
      return symbol === undefined ? (position === free ? value : 9) : checkinAlphabet.indexOf(symbol);
    });
    const code = codeFrom(bytes);
    if ([...fixed].every(([position, symbol]) => code.charAt(position) === symbol)) return code;
  }
  throw new Error(`codeWith: no code has ${JSON.stringify([...fixed])}`);
}

describe('the check-in alphabet', () => {
  it('has 32 distinct symbols and none people confuse with another', () => {
    expect(new Set(checkinAlphabet).size).toBe(32);
    for (const confusable of ['0', 'O', '1', 'I']) expect(checkinAlphabet).not.toContain(confusable);
  });
});

describe('generateCheckinCode', () => {
  it('matches codes worked out by hand with Luhn mod 32', () => {
    // 2..9 are worth 0..7; from the right: 14 + 6 + 10 + 4 + 6 + 2 + 2 + 0 = 44, 44 mod 32 = 12, 32 - 12 = 20 → N
    expect(codeFrom(Uint8Array.of(0, 1, 2, 3, 4, 5, 6, 7))).toBe('23456789N');
    // Z is worth 31 and doubles to 62 = 1·32 + 30 → 31; 8 × 31 = 248, 248 mod 32 = 24, 32 - 24 = 8 → A
    expect(codeFrom(new Uint8Array(8).fill(255))).toBe('ZZZZZZZZA');
    // W U Z H E N 2 6 = 28 26 31 15 12 20 0 4; from the right: 8 + 0 + 9 + 12 + 30 + 31 + 21 + 28 = 139,
    // 139 mod 32 = 11, 32 - 11 = 21 → P
    expect(codeFrom(Uint8Array.of(28, 26, 31, 15, 12, 20, 0, 4))).toBe('WUZHEN26P');
  });

  it('uses each random byte modulo 32, so all 256 byte values spread evenly over the alphabet', () => {
    fc.assert(
      fc.property(randomPayload, (bytes) => {
        const expected = Array.from(bytes, (byte) => checkinAlphabet.charAt(byte % 32)).join('');
        expect(codeFrom(bytes).slice(0, 8)).toBe(expected);
      }),
    );
  });

  it('draws from the system random source by default', () => {
    const code = generateCheckinCode();
    expect(code).toMatch(/^[23456789A-HJ-NP-Z]{9}$/);
    expect(normalizeCheckinCode(code)).toBe(code);
  });

  it('refuses a random source that gives too few bytes', () => {
    expect(() => generateCheckinCode(() => new Uint8Array(7))).toThrow(RangeError);
  });
});

describe('normalizeCheckinCode', () => {
  it('accepts every generated code as it is, in lower case and with separators', () => {
    const separator = fc.constantFrom('', '', '', ' ', '-', ' - ', '\t');
    fc.assert(
      fc.property(validCode, fc.array(separator, { minLength: 10, maxLength: 10 }), (code, separators) => {
        expect(code).toHaveLength(9);
        expect(normalizeCheckinCode(code)).toBe(code);
        expect(normalizeCheckinCode(code.toLowerCase())).toBe(code);
        expect(normalizeCheckinCode(formatCheckinCode(code))).toBe(code);
        const spaced = [...code].map((symbol, index) => `${separators[index]}${symbol}`).join('');
        expect(normalizeCheckinCode(`${spaced}${separators[9]}`.toLowerCase())).toBe(code);
      }),
    );
  });

  it('accepts what a scanner sends with a line end, and full-width input from a Chinese keyboard', () => {
    expect(normalizeCheckinCode('WUZHEN26P\r\n')).toBe('WUZHEN26P');
    expect(normalizeCheckinCode('ｗｕｚｈ－ｅｎ２６－ｐ')).toBe('WUZHEN26P');
  });

  it('rejects every single-symbol substitution of a valid code', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        for (let position = 0; position < code.length; position++) {
          for (const symbol of checkinAlphabet) {
            if (symbol === code.charAt(position)) continue;
            expect(normalizeCheckinCode(replaceAt(code, position, symbol))).toBeUndefined();
          }
        }
      }),
    );
  });

  it('rejects symbols outside the alphabet rather than guessing what was meant', () => {
    fc.assert(
      fc.property(
        validCode,
        fc.nat(8),
        fc.constantFrom('0', 'O', '1', 'I', '_', '.'),
        (code, position, bad) => {
          expect(normalizeCheckinCode(replaceAt(code, position, bad))).toBeUndefined();
        },
      ),
    );
  });

  it('rejects a code with a symbol missing or added', () => {
    fc.assert(
      fc.property(validCode, fc.nat(8), (code, position) => {
        expect(normalizeCheckinCode(code.slice(0, position) + code.slice(position + 1))).toBeUndefined();
        expect(normalizeCheckinCode(`${code}2`)).toBeUndefined();
      }),
    );
    expect(normalizeCheckinCode('')).toBeUndefined();
  });

  it('rejects every adjacent transposition of two different symbols except 2 and Z', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        for (let position = 0; position < code.length - 1; position++) {
          const pair = code.slice(position, position + 2);
          if (pair.charAt(0) === pair.charAt(1)) continue;
          const swapped = swapAt(code, position);
          const expected = undetectedTransposition.has(pair) ? swapped : undefined;
          expect(normalizeCheckinCode(swapped)).toBe(expected);
        }
      }),
    );
  });

  it('for every pair of symbols at every position, lets only 2 and Z trade places unnoticed', () => {
    const undetected: string[] = [];
    for (let position = 0; position < 8; position++) {
      for (const first of checkinAlphabet) {
        for (const second of checkinAlphabet) {
          if (first === second) continue;
          const code = codeWith(
            new Map([
              [position, first],
              [position + 1, second],
            ]),
          );
          const swapped = swapAt(code, position);
          if (normalizeCheckinCode(swapped) !== undefined) undetected.push(`${position}:${first}${second}`);
        }
      }
    }
    const expected = [0, 1, 2, 3, 4, 5, 6, 7].flatMap((position) => [`${position}:2Z`, `${position}:Z2`]);
    expect(undetected).toEqual(expected);
  });
});

describe('formatCheckinCode', () => {
  it('groups the symbols four, four and one', () => {
    expect(formatCheckinCode('WUZHEN26P')).toBe('WUZH-EN26-P');
  });
});
