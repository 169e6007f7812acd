import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkinSigningKey, signCheckinCode } from '../../functions/domain/checkin-signing-key.ts';
import { verifySignedCode } from '../../functions/domain/signed-checkin-code.ts';
import { DynamoDbCheckinScanStore } from '../../functions/store/dynamodb/checkin-scan-store.ts';
import { testCheckinSigningSecret } from '../support/checkin-signing.ts';
import {
  attendee,
  category,
  manageCredentials,
  registrationFixture,
} from '../support/registration-fixture.ts';

let fixture: Awaited<ReturnType<typeof registrationFixture>>;
beforeAll(async () => {
  fixture = await registrationFixture([
    category('delegate', 100),
    category('media', 10, { needsApproval: true }),
  ]);
});
afterAll(() => fixture.dispose());

const asDesk = { role: 'checkin' as const };
let nonces = 0;

const registered = async (overrides: Record<string, unknown> = {}) => {
  const response = await fixture.call('POST', '/api/registrations', { body: attendee(overrides) });
  expect(response.status).toBe(201);
  return { code: response.json.code as string, ...manageCredentials(response.json.manageUrl) };
};
const ticket = async () => (await registered()).code;
const signed = (code: string, edition = '2027') =>
  signCheckinCode(checkinSigningKey(testCheckinSigningSecret, edition), code);
const checkedInAt = async (id: string) => (await fixture.inspect.get(id))?.registration.checkedInAt;
const checkedIn = async () =>
  (await fixture.call('GET', '/api/admin/stats', { role: 'organizer' })).json.categories.delegate.checkedIn;
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

  it('check three tickets in once each at their scan time, one scanned at two desks; a replay changes nothing', async () => {
    const [first, second, both] = [await registered(), await registered(), await registered()];
    const checkedInBefore = await checkedIn();
    const deskA = [
      scan(signed(first.code), 'hall-a', '2027-11-09T02:00:00.000Z'),
      scan(signed(both.code), 'hall-a', '2027-11-09T02:02:00.000Z'),
    ];
    // Desk B scanned the shared ticket later, but its network came back first.
    const deskB = [
      scan(signed(second.code), 'hall-b', '2027-11-09T02:01:00.000Z'),
      scan(signed(both.code), 'hall-b', '2027-11-09T02:09:00.000Z'),
    ];
    const fromB = await upload(deskB);
    expect(fromB.json.receipts.map(({ result }: { result: string }) => result)).toEqual([
      'admitted',
      'admitted',
    ]);
    // Desk B's later scan checked the shared ticket in: desk A's earlier scan, uploaded after, is its
    // duplicate, with both desks and both times, as the registration's check-in time says.
    const fromA = await upload(deskA);
    expect(fromA.json.receipts.map(({ result }: { result: string }) => result)).toEqual([
      'admitted',
      'duplicate',
    ]);
    expect(fromA.json.receipts[1]).toMatchObject({
      nonce: deskA[1]?.nonce,
      outcome: 'stored',
      duplicateOf: {
        ...deskB[1],
        code: both.code,
        edition: '2027',
        arrivedAt: fromB.json.receipts[1].arrivedAt,
      },
    });
    expect(fromA.json.receipts[1]).not.toHaveProperty('firstCheckedInAt');
    // Every scan is stored once, under the 9-symbol code the signed code carries.
    const scanItems = (await fixture.items()).filter(({ sk }) => String(sk).startsWith('SCAN#'));
    for (const sent of [...deskA, ...deskB]) {
      expect(scanItems.filter(({ nonce }) => nonce === sent.nonce)).toHaveLength(1);
    }
    expect(scanItems.filter(({ code }) => code === both.code)).toHaveLength(2);
    // Each registration checked in once, at the time of its scan that arrived first: the admitting one.
    expect(await checkedInAt(first.id)).toBe('2027-11-09T02:00:00.000Z');
    expect(await checkedInAt(second.id)).toBe('2027-11-09T02:01:00.000Z');
    expect(await checkedInAt(both.id)).toBe('2027-11-09T02:09:00.000Z');
    expect(await checkedIn()).toBe(checkedInBefore + 3);

    // Desk B sends its upload again: its scans are still the admitting ones, desk A's sent again is
    // still the duplicate; nothing is stored or changed.
    const before = await fixture.items();
    const again = await upload(deskB);
    expect(
      again.json.receipts.map(({ outcome, result }: Record<string, string>) => [outcome, result]),
    ).toEqual([
      ['replayed', 'admitted'],
      ['replayed', 'admitted'],
    ]);
    expect(again.json.receipts[1]).not.toHaveProperty('duplicateOf');
    const againFromA = await upload(deskA);
    expect(againFromA.json.receipts[1]).toMatchObject({
      outcome: 'replayed',
      result: 'duplicate',
      duplicateOf: { desk: 'hall-b', scannedAt: '2027-11-09T02:09:00.000Z', code: both.code },
    });
    expect(await fixture.items()).toEqual(before);
    expect(await checkedIn()).toBe(checkedInBefore + 3);

    // The upload's audit entry names the registrations its scans belong to.
    const trail = await fixture.call('GET', `/api/admin/audit?action=checkin.scans&registration=${both.id}`, {
      role: 'organizer',
    });
    expect(trail.json.items.length).toBeGreaterThanOrEqual(4);
    expect(trail.json.items[0].registrationIds.sort()).toEqual([first.id, both.id].sort());
    expect(trail.json.items[1].registrationIds.sort()).toEqual([second.id, both.id].sort());
  });

  it('refuse forged, altered, revoked, unknown and unconfirmed tickets, storing and checking in nothing for them', async () => {
    const genuine = await registered();
    const victim = await registered();
    const cancelled = await registered();
    const pending = await registered({ category: 'media' });
    expect(
      (
        await fixture.call('DELETE', `/api/registrations/${cancelled.id}`, {
          headers: cancelled.authorization,
        })
      ).status,
    ).toBe(200);
    const forger = checkinSigningKey('forger'.repeat(8), '2027');
    const genuineSigned = signed(genuine.code);
    // Another ticket's code under the genuine ticket's signature, and the real key id over a forger's signature.
    const altered = genuineSigned.replace(genuine.code, victim.code);
    const withRealKeyId = signCheckinCode(forger, victim.code).replace(
      `.${forger.keyId}.`,
      `.${checkinSigningKey(testCheckinSigningSecret, '2027').keyId}.`,
    );
    const checkedInBefore = await checkedIn();
    const before = await fixture.items();
    const scans = [
      scan(signCheckinCode(forger, victim.code), 'hall-a', '2027-11-09T03:00:00.000Z'),
      scan(altered, 'hall-a', '2027-11-09T03:01:00.000Z'),
      scan(withRealKeyId, 'hall-a', '2027-11-09T03:02:00.000Z'),
      scan(signed(cancelled.code), 'hall-a', '2027-11-09T03:03:00.000Z'),
      scan(signed(victim.code, '2028'), 'hall-a', '2027-11-09T03:04:00.000Z'),
      scan('222222222', 'hall-a', '2027-11-09T03:05:00.000Z'),
      scan('WZ1.2027.NONSENSE', 'hall-a', '2027-11-09T03:06:00.000Z'),
      scan(signed(pending.code), 'hall-a', '2027-11-09T03:07:00.000Z'),
    ];
    const response = await upload(scans);
    expect(response.status).toBe(200);
    expect(
      response.json.receipts.map(({ outcome, result, reason }: Record<string, string>) => [
        outcome,
        result,
        reason,
      ]),
    ).toEqual([
      ['not-stored', 'refused', 'forged'],
      ['not-stored', 'refused', 'forged'],
      ['not-stored', 'refused', 'forged'],
      ['not-stored', 'refused', 'revoked'],
      ['not-stored', 'refused', 'unknown'],
      ['not-stored', 'refused', 'unknown'],
      ['not-stored', 'refused', 'forged'],
      ['not-stored', 'refused', 'not-confirmed'],
    ]);
    expect(await fixture.items()).toEqual(before);
    expect(await checkedInAt(victim.id)).toBeUndefined();
    expect(await checkedIn()).toBe(checkedInBefore);
  });

  it('report a scan of a ticket checked in online before as a duplicate, with that time', async () => {
    const { id, code } = await registered();
    const online = await fixture.call('POST', '/api/admin/checkins', { body: { code }, ...asDesk });
    expect(online.status).toBe(200);
    const response = await upload([scan(signed(code), 'hall-b', '2027-11-09T04:00:00.000Z')]);
    expect(response.json.receipts[0]).toMatchObject({
      outcome: 'stored',
      result: 'duplicate',
      firstCheckedInAt: online.json.checkedInAt,
    });
    expect(await checkedInAt(id)).toBe(online.json.checkedInAt);
  });

  it('keep no scan of a ticket erased while an upload of it was under way', async () => {
    const person = await registered();
    const late = { ...scan(person.code, 'hall-c', '2027-11-09T05:00:00.000Z'), edition: '2027' };
    const scans = new DynamoDbCheckinScanStore(
      fixture.tables.inspectionClient,
      fixture.tables.tableNames.registrations,
    );
    const expiresAt = Date.parse('2028-05-01T00:00:00Z') / 1000;
    // The upload read the code's claim before the erasure; it records its scan just after the
    // erasure deleted the ticket's scans, before the erasure's transaction.
    const client = fixture.tables.documentClient;
    const send = client.send.bind(client);
    let recorded: unknown;
    const erasing = vi.spyOn(client, 'send').mockImplementation((async (command: unknown) => {
      if (
        recorded === undefined &&
        command instanceof TransactWriteCommand &&
        JSON.stringify(command.input).includes(`CODE#${person.code}`)
      ) {
        recorded = await scans.record(late, '2027-11-09T05:01:00.000Z', expiresAt);
      }
      return send(command as never);
    }) as never);
    try {
      const erased = await fixture.call('POST', `/api/registrations/${person.id}/erasure`, {
        body: { confirm: true },
        headers: person.authorization,
      });
      expect(erased.status).toBe(200);
    } finally {
      erasing.mockRestore();
    }
    expect(recorded).toMatchObject({ outcome: 'stored' });
    const left = JSON.stringify(await fixture.items());
    expect(left).not.toContain(person.code);
    expect(left).not.toContain(late.nonce);
    // A scan recorded after the erasure is not kept either.
    await expect(
      scans.record({ ...late, nonce: `${late.nonce}-2` }, '2027-11-09T05:02:00.000Z', expiresAt),
    ).resolves.toEqual({ outcome: 'unknown-code' });
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
