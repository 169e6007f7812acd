import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCheckinCode } from '../../functions/domain/checkin-code.ts';
import { signCheckinCode } from '../../functions/domain/checkin-signing-key.ts';
import { qrCodeSvg } from '../../functions/domain/qr-code.ts';
import { testSigningKey } from '../support/checkin-signing.ts';
import { parseCsv } from '../support/parse-csv.ts';
import { testNoticeVersion } from '../support/registration-consents.ts';
import {
  attendee,
  category,
  manageCredentials,
  registrationFixture,
  testEdition,
} from '../support/registration-fixture.ts';

let fixture: Awaited<ReturnType<typeof registrationFixture>>;
beforeAll(async () => {
  fixture = await registrationFixture([
    category('delegate', 500),
    category('tiny', 2),
    category('media', 5, { needsApproval: true }),
    category('closed', 10, { closesAt: '2020-01-01T00:00:00+08:00' }),
    category('later', 10, { opensAt: '2099-01-01T00:00:00+08:00' }),
  ]);
});
afterAll(() => fixture.dispose());

const registerAs = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  fixture.call('POST', '/api/registrations', { body, headers });

describe('GET /api/categories', () => {
  it('lists the categories in content order with seats left and whether each is open now', async () => {
    const response = await fixture.call('GET', '/api/categories');
    expect(response.status).toBe(200);
    expect(response.json.edition).toEqual({
      id: '2027',
      name: { en: 'Test edition', zh: '测试届次' },
      noticeVersion: testNoticeVersion,
    });
    expect(response.json.items.map((item: { id: string }) => item.id)).toEqual([
      'delegate',
      'tiny',
      'media',
      'closed',
      'later',
    ]);
    expect(response.json.items[3]).toMatchObject({
      id: 'closed',
      open: false,
      closesAt: '2020-01-01T00:00:00+08:00',
    });
    expect(response.json.items[4]).toMatchObject({ id: 'later', open: false });
    expect(response.json.items[2]).toMatchObject({
      id: 'media',
      needsApproval: true,
      open: true,
      seatsLeft: 5,
    });
  });
});

describe('POST /api/registrations', () => {
  it('confirms a seat and answers the manage link with the token in the fragment only', async () => {
    const response = await registerAs(attendee({ name: '林测试', language: 'zh' }));
    expect(response.status).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const { id, code, status, manageToken, manageUrl } = response.json;
    expect(status).toBe('confirmed');
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{9}$/);
    expect(Buffer.from(manageToken, 'base64url').length).toBeGreaterThanOrEqual(16);
    const url = new URL(manageUrl);
    expect(url.pathname).toBe('/zh/registration/');
    expect(url.search).toBe('');
    expect(url.hash).toBe(`#${id}.${manageToken}`);

    const stored = (await fixture.items()).find((item) => item.pk === `REGISTRATION#${id}`);
    expect(stored?.manageTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(manageToken);
    expect((await fixture.outbox(id)).map((message) => message.kind)).toEqual(['confirmed']);
  });

  it('names every bad field and stores nothing', async () => {
    const before = (await fixture.items()).length;
    const response = await registerAs({
      category: '',
      name: ' ',
      email: 'not-an-email',
      country: 'XX',
      language: 'fr',
      consent: false,
      status: 'confirmed',
      checkedInAt: '2027-01-01T00:00:00Z',
    });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const paths = response.json.errors.map((error: { path: string }) => error.path).sort();
    expect(paths).toEqual([
      'category',
      'checkedInAt',
      'consent',
      'country',
      'crossBorderConsent',
      'email',
      'language',
      'name',
      'noticeVersion',
      'status',
    ]);
    expect((await fixture.items()).length).toBe(before);
  });

  it('refuses text that breaks the text policy and stores nothing', async () => {
    const before = await fixture.items();
    const cases: Array<[string, string]> = [
      ['name', JSON.parse('"Li \\ud800"')],
      ['name', 'Li\u0000Wei'],
      ['name', 'Li Wei\nYour account is suspended'],
      ['name', '\u202Eadmin'],
      ['name', '\u200B\u3164  '],
      ['organization', 'ACME\u2066'],
      ['jobTitle', 'Chief\rOfficer'],
      ['dietary', 'none\u0007'],
    ];
    for (const [field, value] of cases) {
      const response = await registerAs(attendee({ [field]: value }));
      expect(response.status, `${field} ${JSON.stringify(value)}`).toBe(400);
      expect(response.json.errors.map((error: { path: string }) => error.path)).toEqual([field]);
    }
    // A lone surrogate sent as the JSON escape "\ud800" is refused too, not stored as U+FFFD.
    const escaped = JSON.stringify(attendee()).replace('"name":"', '"name":"\\ud800');
    expect((await fixture.call('POST', '/api/registrations', { body: escaped })).status).toBe(400);
    expect(await fixture.items()).toEqual(before);
    const multiline = await registerAs(attendee({ dietary: 'vegetarian\nno peanuts' }));
    expect(multiline.status).toBe(201);
  });

  it('refuses an unknown category, malformed JSON, a wrong content type and an oversized body', async () => {
    expect((await registerAs(attendee({ category: 'vip' }))).json.errors).toEqual([
      { path: 'category', message: expect.any(String) },
    ]);
    const malformed = await fixture.call('POST', '/api/registrations', { body: '{"name": ' });
    expect(malformed.status).toBe(400);
    const wrongType = await fixture.call('POST', '/api/registrations', {
      body: JSON.stringify(attendee()),
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrongType.status).toBe(415);
    const oversized = await registerAs(attendee({ dietary: 'x'.repeat(20_000) }));
    expect(oversized.status).toBe(413);
  });

  it('allows one live registration per e-mail, compared trimmed and case-insensitively', async () => {
    expect((await registerAs(attendee({ email: 'Wang.Fang@Example.org' }))).status).toBe(201);
    const again = await registerAs(attendee({ email: '  wang.fang@example.ORG ' }));
    expect(again.status).toBe(409);
    expect(again.json.errors).toEqual([{ path: 'email', message: expect.any(String) }]);
  });

  it('frees the e-mail when its registration is cancelled', async () => {
    const first = await registerAs(attendee({ email: 'again@example.org' }));
    const { id, authorization } = manageCredentials(first.json.manageUrl);
    expect(
      (await fixture.call('DELETE', `/api/registrations/${id}`, { headers: authorization })).status,
    ).toBe(200);
    expect((await registerAs(attendee({ email: 'again@example.org' }))).status).toBe(201);
  });

  it('refuses registrations outside the category window', async () => {
    expect((await registerAs(attendee({ category: 'closed' }))).status).toBe(409);
    expect((await registerAs(attendee({ category: 'later' }))).status).toBe(409);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer for the same body and registers nothing new', async () => {
    const body = attendee();
    const first = await registerAs(body, { 'idempotency-key': 'replay-1' });
    const count = (await fixture.items()).length;
    const replay = await registerAs(body, { 'idempotency-key': 'replay-1' });
    expect(replay.status).toBe(201);
    expect(replay.json).toEqual(first.json);
    expect((await fixture.items()).length).toBe(count);
  });

  it('answers 422 for the same key with another body', async () => {
    await registerAs(attendee(), { 'idempotency-key': 'reuse-1' });
    expect((await registerAs(attendee(), { 'idempotency-key': 'reuse-1' })).status).toBe(422);
  });

  it("never replays one client's answer to another client that sends the same key", async () => {
    const body = attendee();
    const first = await registerAs(body, { 'idempotency-key': 'shared-1' });
    expect(first.status).toBe(201);
    const other = await fixture.call('POST', '/api/registrations', {
      body,
      headers: { 'idempotency-key': 'shared-1' },
      client: '198.51.100.7',
    });
    expect(other.status).toBe(409);
    expect(other.text).not.toContain(first.json.manageToken);
  });

  it('answers 409 while the first request with the key is still in flight', async () => {
    const body = attendee();
    const [first, second] = await Promise.all([
      registerAs(body, { 'idempotency-key': 'flight-1' }),
      registerAs(body, { 'idempotency-key': 'flight-1' }),
    ]);
    const statuses = [first.status, second.status].sort();
    // Either the second saw the first in flight (409), or it arrived after and was replayed (201).
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    const ids = [first, second]
      .filter((response) => response.status === 201)
      .map((response) => response.json.id);
    expect(new Set(ids).size).toBe(1);
  });

  it('keeps a refused request from using up the key', async () => {
    const invalid = await registerAs(attendee({ country: 'XX' }), { 'idempotency-key': 'fix-1' });
    expect(invalid.status).toBe(400);
    const corrected = await registerAs(attendee(), { 'idempotency-key': 'fix-1' });
    expect(corrected.status).toBe(201);
  });

  it('refuses a key longer than 255 characters', async () => {
    expect((await registerAs(attendee(), { 'idempotency-key': 'k'.repeat(256) })).status).toBe(400);
  });
});

describe('the manage token', () => {
  it('opens its own registration and nothing else, revealing nothing to others', async () => {
    const mine = manageCredentials((await registerAs(attendee())).json.manageUrl);
    const theirs = manageCredentials((await registerAs(attendee())).json.manageUrl);

    const own = await fixture.call('GET', `/api/registrations/${mine.id}`, { headers: mine.authorization });
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({
      id: mine.id,
      status: 'confirmed',
      categoryName: { en: 'Category delegate' },
    });
    expect(own.json).not.toHaveProperty('manageTokenHash');

    for (const headers of [
      {},
      { authorization: 'Bearer wrong' },
      theirs.authorization,
      { authorization: mine.token },
    ]) {
      const response = await fixture.call('GET', `/api/registrations/${mine.id}`, { headers });
      expect(response.status).toBe(404);
      expect((await fixture.call('DELETE', `/api/registrations/${mine.id}`, { headers })).status).toBe(404);
      expect(
        (await fixture.call('GET', `/api/registrations/${mine.id}/ticket.svg`, { headers })).status,
      ).toBe(404);
    }
    const ticket = await fixture.call('GET', `/api/registrations/${mine.id}/ticket.svg`, {
      headers: mine.authorization,
    });
    expect(ticket.status).toBe(200);
    expect(ticket.headers['content-type']).toBe('image/svg+xml');
    // The QR code carries the signed code (verifiable offline); its title, the 9 symbols to type.
    const { code } = own.json as { code: string };
    const signed = signCheckinCode(await testSigningKey(testEdition.id), code);
    expect(ticket.text).toBe(await qrCodeSvg(signed, { title: `Ticket ${formatCheckinCode(code)}` }));
  });
});

describe('the waiting list', () => {
  it('waitlists past capacity and gives a freed seat to the oldest waiting registration, once', async () => {
    const responses = [];
    for (let index = 0; index < 4; index += 1)
      responses.push(await registerAs(attendee({ category: 'tiny' })));
    expect(responses.map((response) => response.json.status)).toEqual([
      'confirmed',
      'confirmed',
      'waitlisted',
      'waitlisted',
    ]);
    const [first, , third, fourth] = responses.map((response) => manageCredentials(response.json.manageUrl));
    if (!first || !third || !fourth) throw new Error('missing registrations');

    const waiting = await fixture.call('GET', `/api/registrations/${third.id}/ticket.svg`, {
      headers: third.authorization,
    });
    expect(waiting.status).toBe(409);

    expect(
      (await fixture.call('DELETE', `/api/registrations/${first.id}`, { headers: first.authorization })).json,
    ).toEqual({
      status: 'cancelled',
    });
    const promoted = await fixture.call('GET', `/api/registrations/${third.id}`, {
      headers: third.authorization,
    });
    expect(promoted.json.status).toBe('confirmed');
    const still = await fixture.call('GET', `/api/registrations/${fourth.id}`, {
      headers: fourth.authorization,
    });
    expect(still.json.status).toBe('waitlisted');
    expect((await fixture.outbox(third.id)).map((message) => message.kind)).toEqual([
      'waitlisted',
      'promoted',
    ]);
    expect(await fixture.inspect.getCategory('2027', 'tiny')).toMatchObject({
      capacity: 2,
      confirmed: 2,
      waitlisted: 1,
    });

    // Cancelling again changes nothing and still answers cancelled.
    expect(
      (await fixture.call('DELETE', `/api/registrations/${first.id}`, { headers: first.authorization }))
        .status,
    ).toBe(200);
    expect(await fixture.inspect.getCategory('2027', 'tiny')).toMatchObject({ confirmed: 2, waitlisted: 1 });
  });
});

describe('consent receipts', () => {
  it('stores the receipt with the registration: notice version, time, language and each consent', async () => {
    const response = await registerAs(
      attendee({ language: 'en', noticeLanguage: 'zh', partnerSharingConsent: true }),
    );
    expect(response.status).toBe(201);
    const { id, authorization } = manageCredentials(response.json.manageUrl);
    const stored = await fixture.inspect.get(id);
    const receipt = stored?.registration.consent;
    expect(receipt).toEqual({
      noticeVersion: testNoticeVersion,
      language: 'zh',
      givenAt: stored?.registration.createdAt,
      registration: true,
      crossBorderTransfer: true,
      partnerSharing: true,
    });
    // The holder sees it with their registration.
    const own = await fixture.call('GET', `/api/registrations/${id}`, { headers: authorization });
    expect(own.json.consent).toEqual(receipt);
  });

  it('leaves sharing with partners off unless it is ticked', async () => {
    const { partnerSharingConsent: _, ...body } = attendee();
    const response = await registerAs(body);
    expect(response.status).toBe(201);
    const stored = await fixture.inspect.get(response.json.id);
    expect(stored?.registration.consent?.partnerSharing).toBe(false);
  });

  it('refuses a registration without the separate cross-border consent with 400 naming it, and stores nothing', async () => {
    const before = await fixture.items();
    const { crossBorderConsent: _, ...without } = attendee();
    for (const body of [
      without,
      attendee({ crossBorderConsent: false }),
      attendee({ crossBorderConsent: 'yes' }),
    ]) {
      const response = await registerAs(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.json.errors.map((error: { path: string }) => error.path)).toEqual([
        'crossBorderConsent',
      ]);
    }
    expect(await fixture.items()).toEqual(before);
  });

  it('refuses a notice version other than the one in force with 400 naming it, stores nothing and frees the key', async () => {
    const before = await fixture.items();
    const key = { 'idempotency-key': crypto.randomUUID() };
    const person = attendee();
    const stale = await registerAs({ ...person, noticeVersion: 'an-older-notice' }, key);
    expect(stale.status).toBe(400);
    expect(stale.json.errors).toEqual([
      {
        path: 'noticeVersion',
        message: `is not the current privacy notice (${testNoticeVersion}): reload the page and read it again`,
      },
    ]);
    expect(await fixture.items()).toEqual(before);
    // The page reloaded shows the notice in force; the same key then registers.
    expect((await registerAs(person, key)).status).toBe(201);
  });

  it('shows organizers which notice each registration agreed to: list, CSV and counts per version', async () => {
    const own = await registrationFixture([category('delegate', 10)]);
    try {
      const made = async (noticeVersion: string) => {
        const response = await own.call('POST', '/api/registrations', { body: attendee({ noticeVersion }) });
        expect(response.status).toBe(201);
        return response.json.id as string;
      };
      const first = await made(testNoticeVersion);
      await made(testNoticeVersion);
      // A new notice is published: registrations from now on agree to it.
      own.context.edition = { ...own.context.edition, noticeVersion: 'test-notice-2' };
      const later = await made('test-notice-2');

      const stats = await own.call('GET', '/api/admin/stats', { role: 'organizer' });
      expect(stats.json.byNoticeVersion).toEqual({ [testNoticeVersion]: 2, 'test-notice-2': 1 });

      const list = await own.call('GET', '/api/admin/registrations', { role: 'organizer' });
      const versions = Object.fromEntries(
        list.json.items.map((row: { id: string; noticeVersion: string }) => [row.id, row.noticeVersion]),
      );
      expect(versions[first]).toBe(testNoticeVersion);
      expect(versions[later]).toBe('test-notice-2');

      const csv = parseCsv(
        (await own.call('GET', '/api/admin/registrations.csv', { role: 'organizer' })).text.replace(
          /^\uFEFF/,
          '',
        ),
      );
      const header = csv[0] ?? [];
      const rows = csv
        .slice(1)
        .map((row) => Object.fromEntries(header.map((name, index) => [name, row[index]])));
      expect(rows.find((row) => row.id === later)).toMatchObject({
        noticeVersion: 'test-notice-2',
        partnerSharingConsent: 'false',
      });
    } finally {
      await own.dispose();
    }
  });
});
