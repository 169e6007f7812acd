import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkinSigningKey, signCheckinCode } from '../../functions/domain/checkin-signing-key.ts';
import { verifySignedCode } from '../../functions/domain/signed-checkin-code.ts';
import {
  attendee,
  category,
  registrationFixture,
  testCheckinSigningSecret,
} from '../support/registration-fixture.ts';

let fixture: Awaited<ReturnType<typeof registrationFixture>>;
beforeAll(async () => {
  fixture = await registrationFixture([category('delegate', 100)]);
});
afterAll(() => fixture.dispose());

const asDesk = { role: 'checkin' as const };
let nonces = 0;

const ticket = async () => {
  const response = await fixture.call('POST', '/api/registrations', { body: attendee() });
  expect(response.status).toBe(201);
  return response.json.code as string;
};
const scan = (code: string, desk: string, scannedAt: string) => ({
  nonce: `desk-${++nonces}-nonce`,
  code,
  scannedAt,
  desk,
});
const upload = (scans: unknown[]) =>
  fixture.call('POST', '/api/admin/checkin/scans', { body: { scans }, ...asDesk });

describe('offline scans uploaded by check-in desks', () => {
  it('store three tickets scanned offline, one at both desks, once each; the duplicate is reported with both times', async () => {
    const [first, second, both] = [await ticket(), await ticket(), await ticket()];
    const deskA = [
      scan(first, 'hall-a', '2027-11-09T01:00:00.000Z'),
      scan(both, 'hall-a', '2027-11-09T01:02:00.000Z'),
    ];
    const deskB = [
      scan(second, 'hall-b', '2027-11-09T01:01:00.000Z'),
      scan(both, 'hall-b', '2027-11-09T01:09:00.000Z'),
    ];
    const figuresBefore = (await fixture.call('GET', '/api/admin/checkin/figures', { role: 'organizer' }))
      .json;
    const fromA = await upload(deskA);
    expect(fromA.status).toBe(200);
    expect(fromA.json.receipts.map(({ outcome }: { outcome: string }) => outcome)).toEqual([
      'stored',
      'stored',
    ]);
    const fromB = await upload(deskB);
    expect(fromB.status).toBe(200);
    expect(fromB.json.receipts[0]).not.toHaveProperty('duplicateOf');
    expect(fromB.json.receipts[1]).toMatchObject({
      nonce: deskB[1]?.nonce,
      outcome: 'stored',
      duplicateOf: { ...deskA[1], edition: '2027', arrivedAt: fromA.json.receipts[1].arrivedAt },
    });
    // Desk B's network drops before the answer: it sends the same upload again, which stores nothing.
    const before = await fixture.items();
    const again = await upload(deskB);
    expect(again.json.receipts.map(({ outcome }: { outcome: string }) => outcome)).toEqual([
      'replayed',
      'replayed',
    ]);
    expect(again.json.receipts[1].duplicateOf.nonce).toBe(deskA[1]?.nonce);
    const scanItems = (await fixture.items()).filter(({ pk }) => String(pk).startsWith('SCANS#'));
    expect(scanItems.filter(({ sk }) => String(sk).startsWith('SCAN#'))).toHaveLength(4);
    // The organizer's figures: four scans, three tickets, one duplicate more than before.
    const figures = await fixture.call('GET', '/api/admin/checkin/figures', { role: 'organizer' });
    expect(figures.json).toEqual({
      edition: '2027',
      scans: figuresBefore.scans + 4,
      ticketsScanned: figuresBefore.ticketsScanned + 3,
      duplicates: figuresBefore.duplicates + 1,
    });
    expect((await fixture.items()).filter(({ pk }) => String(pk).startsWith('SCAN')).length).toBe(
      before.filter(({ pk }) => String(pk).startsWith('SCAN')).length,
    );
  });

  it('refuse a bad scan with 400 naming the field, storing none of the upload', async () => {
    const code = await ticket();
    const good = scan(code, 'hall-a', '2027-11-09T01:00:00.000Z');
    for (const [bad, path] of [
      [{ ...good, code: 'not-a-code' }, 'scans.1.code'],
      [{ ...good, scannedAt: 'yesterday' }, 'scans.1.scannedAt'],
      [{ ...good, nonce: 'short' }, 'scans.1.nonce'],
      [{ ...good, desk: 'Hall A <b>' }, 'scans.1.desk'],
    ] as const) {
      const before = await fixture.items();
      const response = await upload([scan(code, 'hall-a', '2027-11-09T01:00:00.000Z'), bad]);
      expect(response.status, path).toBe(400);
      expect(response.json.errors.map(({ path }: { path: string }) => path)).toContain(path);
      expect(await fixture.items()).toEqual(before);
    }
  });

  it('answers 401 without a verified token', async () => {
    const response = await fixture.call('POST', '/api/admin/checkin/scans', { body: { scans: [] } });
    expect(response.status).toBe(401);
  });
});

describe('online check-in', () => {
  it('accepts a ticket’s signed code as it accepts its 9-symbol code typed by hand', async () => {
    const code = await ticket();
    const signed = signCheckinCode(checkinSigningKey(testCheckinSigningSecret, '2027'), code);
    const response = await fixture.call('POST', '/api/admin/checkins', { body: { code: signed }, ...asDesk });
    expect(response.status).toBe(200);
    expect(response.json.result).toBe('checked_in');
    const typed = await fixture.call('POST', '/api/admin/checkins', { body: { code }, ...asDesk });
    expect(typed.status).toBe(409);
  });

  it('does not check in a signed code of another edition', async () => {
    const code = await ticket();
    const signed = signCheckinCode(checkinSigningKey(testCheckinSigningSecret, '2028'), code);
    const response = await fixture.call('POST', '/api/admin/checkins', { body: { code: signed }, ...asDesk });
    expect(response.status).toBe(404);
  });
});

describe('the check-in public keys', () => {
  it('verify the codes the edition’s key signs, offline', async () => {
    const response = await fixture.call('GET', '/api/admin/checkin/keys', asDesk);
    expect(response.status).toBe(200);
    expect(response.json.edition).toBe('2027');
    const signed = signCheckinCode(checkinSigningKey(testCheckinSigningSecret, '2027'), await ticket());
    await expect(verifySignedCode(signed, '2027', response.json.keys)).resolves.toMatchObject({
      valid: true,
    });
  });
});
