import { describe, expect, it } from 'vitest';
import { checkinAlphabet, checkSymbol } from '../../functions/domain/checkin-code.ts';
import { checkinCodeHash } from '../../functions/domain/checkin-code-hash.ts';
import { checkinSigningKey, signCheckinCode } from '../../functions/domain/checkin-signing-key.ts';
import { checkOffline, ticketCode } from '../../site/src/scripts/checkin-offline-check.ts';
import type { DeskLists } from '../../site/src/scripts/checkin-offline-store.ts';

const key = checkinSigningKey('unit-test-secret', '2027');
/** A valid 9-symbol code: eight symbols and their check symbol. */
const codeOf = (payload: string) =>
  payload + checkSymbol(Array.from(payload, (symbol) => checkinAlphabet.indexOf(symbol)));
const [admitted, seen, revoked, absent] = ['7KQ4M2XZ', '23456789', '3HMV4SCT', 'ZZZZZZZZ'].map(codeOf) as [
  string,
  string,
  string,
  string,
];

async function desk(): Promise<DeskLists> {
  return {
    edition: '2027',
    downloadedAt: '2027-11-17T00:00:00.000Z',
    roster: {
      [await checkinCodeHash(admitted)]: { name: 'Ada', category: 'delegate' },
      [await checkinCodeHash(seen)]: { name: 'Bo', category: 'media' },
      // A roster downloaded before the ticket was cancelled still holds it: the revoked list wins.
      [await checkinCodeHash(revoked)]: { name: 'Cy', category: 'delegate' },
    },
    revoked: [await checkinCodeHash(revoked)],
    keys: [key.publicKey],
  };
}

const seenAt = async (codeHash: string) =>
  codeHash === (await checkinCodeHash(seen)) ? '2027-11-17T01:00:00.000Z' : undefined;

describe('a code checked at the desk offline', () => {
  it('admits a signed code of the roster, and a 9-symbol code of the roster typed by hand', async () => {
    const lists = await desk();
    const signed = signCheckinCode(key, admitted);
    // What goes up to the server: the signed code as scanned (checked again there), or the typed code.
    for (const [input, scanned] of [
      [signed, signed],
      [`${admitted.slice(0, 4).toLowerCase()}-${admitted.slice(4)}`, admitted],
    ] as const) {
      expect(await checkOffline(input, lists, seenAt)).toEqual({
        kind: 'admitted',
        code: admitted,
        scanned,
        codeHash: await checkinCodeHash(admitted),
        attendee: { name: 'Ada', category: 'delegate' },
      });
    }
  });

  it('says when this desk admitted the ticket before', async () => {
    expect(await checkOffline(signCheckinCode(key, seen), await desk(), seenAt)).toMatchObject({
      kind: 'repeat',
      firstAt: '2027-11-17T01:00:00.000Z',
    });
  });

  it('refuses forged, altered, other-edition, revoked, unlisted and malformed codes', async () => {
    const lists = await desk();
    const good = signCheckinCode(key, admitted);
    const [prefix, edition, keyId, , signature = ''] = good.split('.');
    const forged = [
      prefix,
      edition,
      keyId,
      admitted,
      `${signature.slice(0, 5)}${signature[5] === 'A' ? 'B' : 'A'}${signature.slice(6)}`,
    ];
    const cases = [
      [forged.join('.'), 'forged'],
      [[prefix, edition, keyId, seen, signature].join('.'), 'forged'],
      [signCheckinCode(checkinSigningKey('unit-test-secret', '2028'), admitted), 'other-edition'],
      [signCheckinCode(checkinSigningKey('another-secret', '2027'), admitted), 'forged'],
      [signCheckinCode(key, revoked), 'revoked'],
      [revoked, 'revoked'],
      [signCheckinCode(key, absent), 'not-in-roster'],
      [absent, 'not-in-roster'],
      ['hello', 'malformed'],
      ['WZ1.2027.nonsense', 'malformed'],
    ] as const;
    for (const [input, reason] of cases) {
      expect(await checkOffline(input, lists, seenAt), input).toEqual({ kind: 'refused', reason });
    }
  });

  it('names the ticket of a code the server checked in, signed or typed', () => {
    expect(ticketCode(signCheckinCode(key, admitted))).toBe(admitted);
    expect(ticketCode(` ${admitted.toLowerCase()} `)).toBe(admitted);
    expect(ticketCode('hello')).toBeUndefined();
  });
});
