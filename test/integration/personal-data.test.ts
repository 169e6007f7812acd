import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCheckinCode } from '../../functions/domain/checkin-signing-key.ts';
import { deliverOutbox } from '../../functions/mail/deliver-outbox.ts';
import { createEmlDirectoryTransport } from '../../functions/mail/eml-directory-transport.ts';
import { DynamoDbOutboxStore } from '../../functions/store/dynamodb/outbox-store.ts';
import { testSigningKey } from '../support/checkin-signing.ts';
import { expectInvariants } from '../support/invariants.ts';
import {
  attendee,
  category,
  manageCredentials,
  registrationFixture,
} from '../support/registration-fixture.ts';
import { scanTable } from '../support/table-scan.ts';

let fixture: Awaited<ReturnType<typeof registrationFixture>>;
let mailDirectory: string;
let deliverAll: () => Promise<number>;

beforeAll(async () => {
  fixture = await registrationFixture([category('delegate', 100), category('tiny', 1)]);
  mailDirectory = await mkdtemp(join(tmpdir(), 'wuzhen-erasure-mail-'));
  const transport = createEmlDirectoryTransport(mailDirectory);
  // As the local server wires it: erasures remove the copies this folder keeps.
  fixture.context.mailCopies = transport;
  const outbox = new DynamoDbOutboxStore(
    fixture.tables.inspectionClient,
    fixture.tables.tableNames.registrations,
  );
  deliverAll = async () =>
    deliverOutbox(await outbox.pending(100), {
      transport,
      outbox,
      from: 'test@portal.test',
      siteOrigin: 'https://portal.test',
      signingKey: testSigningKey,
      currentEdition: async () => '2027',
      now: () => new Date(),
    });
});
afterAll(async () => {
  await fixture.dispose();
  await rm(mailDirectory, { recursive: true, force: true });
});

const asOrganizer = { role: 'organizer' } as const;

async function registerPerson(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fixture.call('POST', '/api/registrations', { body, headers });
  expect(response.status).toBe(201);
  return { ...manageCredentials(response.json.manageUrl), token: response.json.manageToken as string };
}

/** Every string held anywhere in a value: attribute values, nested maps, lists and string sets. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value instanceof Set || Array.isArray(value)) return [...value].flatMap(strings);
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) => [key, ...strings(inner)]);
  return [];
}

async function everyStoredString(): Promise<{ items: number; text: string }> {
  const endpoint = fixture.tables.settings.endpoint ?? '';
  const items = [
    ...(await scanTable(endpoint, fixture.tables.tableNames.registrations)),
    ...(await scanTable(endpoint, fixture.tables.tableNames.venues)),
  ];
  return { items: items.length, text: items.flatMap(strings).join('\n').toLowerCase() };
}

async function mailFiles(): Promise<string[]> {
  const names = await readdir(mailDirectory);
  return Promise.all(names.map((name) => readFile(join(mailDirectory, name), 'utf8')));
}

describe('the registrant’s own data', () => {
  const erin = {
    name: 'Erin Erasable',
    email: 'Erin.Erasable@Example.org',
    organization: 'Forgettable Networks Ltd',
    jobTitle: 'Chief Vanishing Officer',
    dietary: 'no peanuts, please',
  };
  const other = {
    name: 'Otto Otherperson',
    email: 'otto.other@example.org',
    organization: 'Staying Put GmbH',
  };

  it('downloads exactly the holder’s data, then erases it from every item, promoting one from the waiting list', async () => {
    const person = await registerPerson(attendee({ ...erin, category: 'tiny', country: 'DE' }), {
      'idempotency-key': 'erin-first-try',
    });
    const waiting = await registerPerson(attendee({ ...other, category: 'tiny' }));
    const bystander = await registerPerson(attendee({ name: 'Bea Bystander', email: 'bea@example.org' }));
    // Someone tries Erin's address again: she is told by a message of her own, which goes too.
    const again = await fixture.call('POST', '/api/registrations', { body: attendee({ email: erin.email }) });
    expect(again.status).toBe(409);
    await deliverAll();

    const download = await fixture.call('GET', `/api/registrations/${person.id}/export`, {
      headers: person.authorization,
    });
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="wuzhen-registration-${person.id}.json"`,
    );
    expect(download.headers['cache-control']).toBe('no-store');
    expect(download.json.registration).toMatchObject({
      ...erin,
      id: person.id,
      status: 'confirmed',
      country: 'DE',
    });
    expect(download.json.checkIns).toEqual([]);
    expect(download.json.messages.map((message: { kind: string }) => message.kind)).toEqual([
      'confirmed',
      'already_registered',
    ]);
    expect(download.json.messages[0]).toMatchObject({ to: erin.email, sentAt: expect.any(String) });
    for (const foreign of [
      other.name,
      other.email,
      other.organization,
      'Bea Bystander',
      'bea@example.org',
      waiting.id,
    ])
      expect(download.text).not.toContain(foreign);
    expect(download.text).not.toContain(person.token);

    const statsBefore = (await fixture.call('GET', '/api/admin/stats', asOrganizer)).json;
    const before = await fixture.items();
    const sealedAnswers = (items: Array<Record<string, unknown>>) =>
      items.filter((item) => String(item.pk).startsWith('IDEMPOTENCY#')).length;
    expect(sealedAnswers(before)).toBe(1);

    const refused = [
      await fixture.call('POST', `/api/registrations/${person.id}/erasure`, {
        body: {},
        headers: person.authorization,
      }),
      await fixture.call('POST', `/api/registrations/${person.id}/erasure`, {
        body: { confirm: false },
        headers: person.authorization,
      }),
      await fixture.call('POST', `/api/registrations/${person.id}/erasure`, {
        body: { confirm: true },
        headers: bystander.authorization,
      }),
    ];
    expect(refused.map((response) => response.status)).toEqual([400, 400, 404]);
    expect(refused[1]?.json.errors).toEqual([{ path: 'confirm', message: expect.any(String) }]);
    expect(await fixture.items()).toEqual(before);

    const erased = await fixture.call('POST', `/api/registrations/${person.id}/erasure`, {
      body: { confirm: true },
      headers: person.authorization,
    });
    expect(erased.status).toBe(200);
    expect(erased.json).toEqual({ status: 'erased', erasedAt: expect.any(String), promoted: 1 });

    const stored = await everyStoredString();
    for (const secret of [
      erin.name,
      erin.email,
      erin.organization,
      erin.jobTitle,
      erin.dietary,
      person.token,
    ])
      expect(stored.text, secret).not.toContain(secret.toLowerCase());
    for (const file of await mailFiles()) {
      expect(file).not.toContain(erin.email);
      expect(file).not.toContain(person.id);
    }
    // The other registrants' data stays where it was.
    expect(stored.text).toContain(other.email);
    expect((await mailFiles()).length).toBeGreaterThan(0);

    const items = await fixture.items();
    expectInvariants(items);
    // The sealed answer to Erin's Idempotency-Key held her manage token.
    expect(sealedAnswers(items)).toBe(0);
    const promotedToo = items.find((item) => item.pk === `REGISTRATION#${waiting.id}`);
    expect(promotedToo?.status).toBe('confirmed');
    expect((await fixture.outbox(waiting.id)).map((message) => message.kind)).toEqual([
      'waitlisted',
      'promoted',
    ]);
    expect(items.find((item) => item.pk === `REGISTRATION#${person.id}`)).toMatchObject({
      status: 'cancelled',
      country: 'DE',
      erasedAt: erased.json.erasedAt,
    });

    const statsAfter = (await fixture.call('GET', '/api/admin/stats', asOrganizer)).json;
    expect(statsAfter).toEqual({
      ...statsBefore,
      // The freed seat went to the one who waited; the erased registration is no longer live.
      categories: { ...statsBefore.categories, tiny: { ...statsBefore.categories.tiny, waitlisted: 0 } },
      byCountry: { CN: statsBefore.byCountry.CN },
      overseasShare: 0,
      byNoticeVersion: Object.fromEntries(
        Object.entries(statsBefore.byNoticeVersion as Record<string, number>).map(([version, live]) => [
          version,
          live - 1,
        ]),
      ),
    });

    for (const [method, url] of [
      ['GET', `/api/registrations/${person.id}`],
      ['GET', `/api/registrations/${person.id}/export`],
      ['GET', `/api/registrations/${person.id}/ticket.svg`],
      ['DELETE', `/api/registrations/${person.id}`],
    ] as const) {
      const gone = await fixture.call(method, url, { headers: person.authorization });
      expect(gone.status, `${method} ${url}`).toBe(410);
      expect(gone.json.type).toBe('tag:wuzhen-portal,2026:problems/erased');
      expect((await fixture.call(method, url, { headers: bystander.authorization })).status).toBe(404);
    }
    const erasedAgain = await fixture.call('POST', `/api/registrations/${person.id}/erasure`, {
      body: { confirm: true },
      headers: person.authorization,
    });
    expect(erasedAgain.status).toBe(410);

    // The same e-mail registers again, and the organizers' list and export no longer show the erased one.
    const back = await registerPerson(attendee({ ...erin, category: 'delegate' }));
    expect(back.id).not.toBe(person.id);
    const list = await fixture.call('GET', '/api/admin/registrations?limit=100', asOrganizer);
    expect(list.json.items.map((item: { id: string }) => item.id)).not.toContain(person.id);
    const csv = await fixture.call('GET', '/api/admin/registrations.csv', asOrganizer);
    expect(csv.text).not.toContain(person.id);
    console.log(`erasure: ${stored.items} items scanned in both tables`);
  });

  it('lets an organizer erase a registration: the same one function, then 410', async () => {
    const person = await registerPerson(
      attendee({ name: 'Staff Erased', email: 'staff.erased@example.org' }),
    );
    await deliverAll();
    expect(
      (await fixture.call('DELETE', `/api/admin/registrations/${person.id}`, { role: 'checkin' })).status,
    ).toBe(403);
    const erased = await fixture.call('DELETE', `/api/admin/registrations/${person.id}`, asOrganizer);
    expect(erased.status).toBe(200);
    expect(erased.json).toMatchObject({ status: 'erased', promoted: 0 });
    const stored = await everyStoredString();
    expect(stored.text).not.toContain('staff erased');
    expect(stored.text).not.toContain('staff.erased@example.org');
    expect((await fixture.call('DELETE', `/api/admin/registrations/${person.id}`, asOrganizer)).status).toBe(
      410,
    );
    expect(
      (await fixture.call('GET', `/api/registrations/${person.id}`, { headers: person.authorization }))
        .status,
    ).toBe(410);
    expectInvariants(await fixture.items());
  });

  it('keeps a checked-in attendance counted when its holder erases it', async () => {
    const person = await registerPerson(attendee({ name: 'Arrived Already' }));
    const code = (await fixture.inspect.get(person.id))?.registration.code;
    expect(
      (await fixture.call('POST', '/api/admin/checkins', { body: { code }, ...asOrganizer })).status,
    ).toBe(200);
    const before = (await fixture.call('GET', '/api/admin/stats', asOrganizer)).json;
    const erased = await fixture.call('POST', `/api/registrations/${person.id}/erasure`, {
      body: { confirm: true },
      headers: person.authorization,
    });
    expect(erased.status).toBe(200);
    expect((await fixture.call('GET', '/api/admin/stats', asOrganizer)).json).toEqual(before);
    expect((await everyStoredString()).text).not.toContain('arrived already');
    expectInvariants(await fixture.items());
  });

  it('shows the scans of the ticket desks uploaded in the download, and erases them with the registration', async () => {
    const person = await registerPerson(attendee({ name: 'Scanned Twice' }));
    const code = String((await fixture.inspect.get(person.id))?.registration.code);
    const signed = signCheckinCode(await testSigningKey('2027'), code);
    const scans = [
      {
        nonce: `erasure-${person.id}-a`,
        code: signed,
        scannedAt: '2027-11-09T01:00:00.000Z',
        desk: 'hall-a',
      },
      {
        nonce: `erasure-${person.id}-b`,
        code: signed,
        scannedAt: '2027-11-09T01:05:00+08:00',
        desk: 'hall-b',
      },
    ];
    const upload = await fixture.call('POST', '/api/admin/checkin/scans', {
      body: { scans },
      role: 'checkin',
    });
    // Desk B's scan was the earlier (01:05 in Wuzhen is 17:05 UTC the day before): it admits the ticket.
    expect(upload.json.receipts.map(({ result }: { result: string }) => result)).toEqual([
      'duplicate',
      'admitted',
    ]);
    const download = await fixture.call('GET', `/api/registrations/${person.id}/export`, {
      headers: person.authorization,
    });
    expect(download.json.checkIns).toEqual(['2027-11-08T17:05:00.000Z']);
    expect(download.json.checkinScans).toEqual([
      { scannedAt: '2027-11-09T01:00:00.000Z', desk: 'hall-a', arrivedAt: expect.any(String) },
      { scannedAt: '2027-11-08T17:05:00.000Z', desk: 'hall-b', arrivedAt: expect.any(String) },
    ]);
    const figures = (await fixture.call('GET', '/api/admin/checkin/figures', asOrganizer)).json;
    const erased = await fixture.call('POST', `/api/registrations/${person.id}/erasure`, {
      body: { confirm: true },
      headers: person.authorization,
    });
    expect(erased.status).toBe(200);
    // No item names the ticket's code or the scans' nonces any more; the figures are counts and stay.
    const stored = (await everyStoredString()).text;
    for (const gone of [code, ...scans.map(({ nonce }) => nonce)])
      expect(stored).not.toContain(gone.toLowerCase());
    expect((await fixture.call('GET', '/api/admin/checkin/figures', asOrganizer)).json).toEqual(figures);
    // A desk that sends the upload again stores nothing: the code belongs to no one now.
    const again = await fixture.call('POST', '/api/admin/checkin/scans', {
      body: { scans },
      role: 'checkin',
    });
    expect(again.json.receipts.map(({ reason }: { reason: string }) => reason)).toEqual([
      'unknown',
      'unknown',
    ]);
    expect((await everyStoredString()).text).not.toContain(code.toLowerCase());
  });
});
