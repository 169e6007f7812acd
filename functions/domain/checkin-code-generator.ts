import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { checkinAlphabet, checkSymbol, payloadLength } from './checkin-code.ts';

/**
 * Eight random symbols and a Luhn mod 32 check symbol. 32 divides 256, so taking a byte modulo 32
 * keeps every symbol equally likely.
 */
export function generateCheckinCode(randomBytes: (size: number) => Uint8Array = cryptoRandomBytes): string {
  const bytes = randomBytes(payloadLength);
  if (bytes.length < payloadLength) {
    throw new RangeError(`generateCheckinCode: needs ${payloadLength} random bytes, got ${bytes.length}`);
  }
  const payload = Array.from(bytes.subarray(0, payloadLength), (byte) => byte % checkinAlphabet.length);
  return payload.map((value) => checkinAlphabet.charAt(value)).join('') + checkSymbol(payload);
}
