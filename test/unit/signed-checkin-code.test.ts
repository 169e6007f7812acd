import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkinAlphabet } from '../../functions/domain/checkin-code.ts';
import { generateCheckinCode } from '../../functions/domain/checkin-code-generator.ts';
import { checkinSigningKey, signCheckinCode } from '../../functions/domain/checkin-signing-key.ts';
import {
  fromBase32,
  isSignedCode,
  signedCodeLength,
  toBase32,
  verifySignedCode,
} from '../../functions/domain/signed-checkin-code.ts';

const secret = 'a3f1c0de'.repeat(8);
const key2027 = checkinSigningKey(secret, '2027');
const keys = [key2027.publicKey];
const code = generateCheckinCode();
const signed = signCheckinCode(key2027, code);

/** The text with the symbol at `position` replaced by the next symbol of the alphabet. */
function nextSymbolAt(text: string, position: number): string {
  const symbol = text.charAt(position);
  const next = checkinAlphabet.charAt((checkinAlphabet.indexOf(symbol) + 1) % checkinAlphabet.length);
  return text.slice(0, position) + next + text.slice(position + 1);
}

describe('signed check-in codes', () => {
  it('are 127 symbols of a QR code’s alphanumeric mode and carry the plain code', () => {
    expect(signed).toHaveLength(signedCodeLength);
    expect(signedCodeLength).toBe(127);
    expect(signed).toMatch(/^[0-9A-Z.]+$/);
    expect(signed.split('.').slice(0, 4)).toEqual(['WZ1', '2027', key2027.keyId, code]);
    expect(isSignedCode(signed)).toBe(true);
    expect(isSignedCode(code)).toBe(false);
  });

  it('verify offline with the edition’s published key, in any letter case', async () => {
    await expect(verifySignedCode(signed, '2027', keys)).resolves.toEqual({
      valid: true,
      fields: { edition: '2027', keyId: key2027.keyId, code },
    });
    await expect(verifySignedCode(` ${signed.toLowerCase()}\n`, '2027', keys)).resolves.toMatchObject({
      valid: true,
    });
  });

  it('derive the same key from the same secret and edition, another for another edition or secret', () => {
    expect(checkinSigningKey(secret, '2027').publicKey).toEqual(key2027.publicKey);
    expect(checkinSigningKey(secret, '2028').publicKey.jwk.x).not.toBe(key2027.publicKey.jwk.x);
    expect(checkinSigningKey(`${secret}0`, '2027').publicKey.jwk.x).not.toBe(key2027.publicKey.jwk.x);
  });

  it('refuse a code whose any one symbol was altered', async () => {
    const positions = [...signed].flatMap((symbol, position) => (symbol === '.' ? [] : [position]));
    const verdicts = await Promise.all(
      positions.map(
        async (position) => (await verifySignedCode(nextSymbolAt(signed, position), '2027', keys)).valid,
      ),
    );
    expect(verdicts.filter(Boolean)).toEqual([]);
  });

  it('refuse another ticket’s code with this signature, and a code signed by a forger naming the key id', async () => {
    const otherCode = generateCheckinCode();
    const swapped = signed.replace(code, otherCode);
    await expect(verifySignedCode(swapped, '2027', keys)).resolves.toEqual({
      valid: false,
      reason: 'bad-signature',
    });

    const forger = checkinSigningKey('forger'.repeat(8), '2027');
    const forged = signCheckinCode({ ...forger, keyId: key2027.keyId }, code);
    await expect(verifySignedCode(forged, '2027', keys)).resolves.toEqual({
      valid: false,
      reason: 'bad-signature',
    });
  });

  it('refuse a code of another edition, and one signed by a key the desk does not have', async () => {
    const key2028 = checkinSigningKey(secret, '2028');
    const for2028 = signCheckinCode(key2028, code);
    await expect(verifySignedCode(for2028, '2027', [...keys, key2028.publicKey])).resolves.toEqual({
      valid: false,
      reason: 'other-edition',
    });
    const relabelled = for2028.replace('.2028.', '.2027.');
    await expect(verifySignedCode(relabelled, '2027', keys)).resolves.toEqual({
      valid: false,
      reason: 'unknown-key',
    });
    const rotated = signCheckinCode(checkinSigningKey('rotated'.repeat(8), '2027'), code);
    await expect(verifySignedCode(rotated, '2027', keys)).resolves.toEqual({
      valid: false,
      reason: 'unknown-key',
    });
  });

  it('refuse what is not a signed code', async () => {
    for (const text of [code, '', 'WZ1', signed.slice(0, -1), `${signed}2`, signed.replace('WZ1', 'WZ2')]) {
      await expect(verifySignedCode(text, '2027', keys)).resolves.toEqual({
        valid: false,
        reason: 'malformed',
      });
    }
  });
});

describe('base 32 in the check-in alphabet', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        expect(fromBase32(toBase32(bytes), bytes.length)).toEqual(bytes);
      }),
    );
  });

  it('refuses padding bits that are not zero, so one signature has one text', () => {
    const text = toBase32(new Uint8Array(64));
    expect(fromBase32(text, 64)).toEqual(new Uint8Array(64));
    expect(fromBase32(`${text.slice(0, -1)}3`, 64)).toBeUndefined();
  });
});
