import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCheckinCode } from '../../functions/domain/checkin-code.ts';
import { parseCsv } from '../support/parse-csv.ts';
import { uniqueEmail } from '../support/portal-registration.ts';
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
    category('media', 1, { needsApproval: true }),
    category('small', 1),
  ]);
});
afterAll(() => fixture.dispose());

const register = async (overrides: Record<string, unknown> = {}) => {
  const response = await fixture.call('POST', '/api/registrations', { body: attendee(overrides) });
  expect(response.status).toBe(201);
  return { ...response.json, ...manageCredentials(response.json.manageUrl) };
};
const asOrganizer = { role: 'organizer' as const };

describe('path parameters', () => {
  it('refuses ids no registration or category could have with 400 naming the id, before the database', async () => {
    const long = 'A'.repeat(3000);
    for (const [method, url, body] of [
      ['POST', `/api/admin/registrations/${long}/approve`],
      ['POST', `/api/admin/registrations/${long}/reject`],
      ['POST', '/api/admin/registrations/not-a-ulid/approve'],
      ['PUT', `/api/admin/categories/${long.toLowerCase()}`, { capacity: 5 }],
      ['PUT', '/api/admin/categories/Delegate', { capacity: 5 }],
    ] as Array<[string, string, unknown?]>) {
      const before = await fixture.items();
      const response = await fixture.call(method, url, { body, ...asOrganizer });
      expect(response.status, `${method} ${url.slice(0, 60)}`).toBe(400);
      expect(response.json).toMatchObject({
        type: 'tag:wuzhen-portal,2026:problems/validation',
        errors: [{ path: 'id', message: expect.any(String) }],
      });
      expect(await fixture.items()).toEqual(before);
    }
  });
});

describe('organizer access', () => {
  const routes: Array<[string, string, unknown?]> = [
    ['GET', '/api/admin/registrations'],
    ['GET', '/api/admin/registrations.csv'],
    ['GET', '/api/admin/stats'],
    ['POST', '/api/admin/registrations/01J0000000000000000000000A/approve'],
    ['POST', '/api/admin/registrations/01J0000000000000000000000A/reject'],
    ['PUT', '/api/admin/categories/delegate', { capacity: 5 }],
    ['DELETE', '/api/admin/registrations/01J0000000000000000000000A'],
  ];

  it('answers 401 without a verified token and 403 to the checkin role', async () => {
    for (const [method, url, body] of routes) {
      expect((await fixture.call(method, url, { body })).status, `${method} ${url}`).toBe(401);
      expect((await fixture.call(method, url, { body, role: 'checkin' })).status, `${method} ${url}`).toBe(
        403,
      );
    }
    const checkin = await fixture.call('POST', '/api/admin/checkins', { body: { code: 'x' } });
    expect(checkin.status).toBe(401);
  });
});

describe('approval', () => {
  it('holds media registrations for approval, then confirms, waitlists or rejects them', async () => {
    const [firstEmail, thirdEmail] = [uniqueEmail('first'), uniqueEmail('third')];
    const first = await register({ category: 'media', email: firstEmail });
    const second = await register({ category: 'media' });
    const third = await register({ category: 'media', email: thirdEmail });
    expect([first.status, second.status, third.status]).toEqual([
      'pending_approval',
      'pending_approval',
      'pending_approval',
    ]);

    const approved = await fixture.call('POST', `/api/admin/registrations/${first.id}/approve`, asOrganizer);
    expect(approved).toMatchObject({ status: 200, json: { id: first.id, status: 'confirmed' } });
    const full = await fixture.call('POST', `/api/admin/registrations/${second.id}/approve`, asOrganizer);
    expect(full.json.status).toBe('waitlisted');
    const rejected = await fixture.call('POST', `/api/admin/registrations/${third.id}/reject`, asOrganizer);
    expect(rejected.json.status).toBe('rejected');

    const again = await fixture.call('POST', `/api/admin/registrations/${first.id}/approve`, asOrganizer);
    expect(again.status).toBe(409);
    expect(
      (await fixture.call('POST', '/api/admin/registrations/01J0000000000000000000000A/approve', asOrganizer))
        .status,
    ).toBe(404);
    expect(await fixture.inspect.getCategory('2027', 'media')).toMatchObject({
      confirmed: 1,
      waitlisted: 1,
      pending: 0,
    });
    expect((await fixture.outbox(third.id)).map((message) => message.kind)).toEqual([
      'pending_approval',
      'rejected',
    ]);
    expect(
      (await fixture.call('GET', `/api/registrations/${third.id}`, { headers: third.authorization })).json
        .status,
    ).toBe('rejected');
    // A rejected registration frees its e-mail for a new application; a confirmed one keeps its own.
    const reapplied = await register({ category: 'media', email: thirdEmail });
    expect(reapplied.id).not.toBe(third.id);
    expect(reapplied.status).toBe('pending_approval');
    const taken = await fixture.call('POST', '/api/registrations', {
      body: attendee({ category: 'media', email: firstEmail }),
    });
    expect(taken.status).toBe(409);
  });
});

describe('capacity', () => {
  it('promotes the waiting list at once when capacity rises, and refuses to go below the confirmed count', async () => {
    const seated = await register({ category: 'small' });
    const waiting = [await register({ category: 'small' }), await register({ category: 'small' })];
    expect(waiting.map((registration) => registration.status)).toEqual(['waitlisted', 'waitlisted']);

    const raised = await fixture.call('PUT', '/api/admin/categories/small', {
      ...asOrganizer,
      body: { capacity: 2 },
    });
    expect(raised).toMatchObject({
      status: 200,
      json: { id: 'small', capacity: 2, confirmed: 2, waitlisted: 1 },
    });
    const [oldest, newest] = waiting;
    const promoted = await fixture.call('GET', `/api/registrations/${oldest?.id}`, {
      headers: oldest?.authorization,
    });
    expect(promoted.json.status).toBe('confirmed');
    const stillWaiting = await fixture.call('GET', `/api/registrations/${newest?.id}`, {
      headers: newest?.authorization,
    });
    expect(stillWaiting.json.status).toBe('waitlisted');

    const lowered = await fixture.call('PUT', '/api/admin/categories/small', {
      ...asOrganizer,
      body: { capacity: 1 },
    });
    expect(lowered.status).toBe(409);
    expect(lowered.json.errors).toEqual([{ path: 'capacity', message: 'must be at least 2' }]);
    const invalid = await fixture.call('PUT', '/api/admin/categories/small', {
      ...asOrganizer,
      body: { capacity: -1 },
    });
    expect(invalid.status).toBe(400);
    const unknown = await fixture.call('PUT', '/api/admin/categories/vip', {
      ...asOrganizer,
      body: { capacity: 3 },
    });
    expect(unknown.status).toBe(404);
    expect(seated.status).toBe('confirmed');
  });
});

describe('check-in', () => {
  const checkIn = (body: Record<string, unknown>, role: 'organizer' | 'checkin' = 'checkin') =>
    fixture.call('POST', '/api/admin/checkins', { role, body });

  it('checks in once, tells the first time on a second scan, and repeats the first answer for the same nonce', async () => {
    const person = await register({ name: 'Zhang Wei', country: 'CN' });
    const first = await checkIn({
      code: formatCheckinCode(person.code).toLowerCase(),
      nonce: 'nonce-000001',
    });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({
      result: 'checked_in',
      checkedInAt: expect.any(String),
      registration: { name: 'Zhang Wei', category: 'delegate', country: 'CN' },
    });
    const retried = await checkIn({ code: person.code, nonce: 'nonce-000001' });
    expect(retried).toMatchObject({
      status: 200,
      json: { result: 'checked_in', checkedInAt: first.json.checkedInAt },
    });
    const second = await checkIn({ code: person.code, nonce: 'nonce-000002' }, 'organizer');
    expect(second).toMatchObject({
      status: 409,
      json: { result: 'already_checked_in', firstCheckedInAt: first.json.checkedInAt },
    });
    expect((await fixture.inspect.getCategory('2027', 'delegate'))?.checkedIn).toBe(1);
    // A checked-in attendee keeps their seat.
    expect(
      (await fixture.call('DELETE', `/api/registrations/${person.id}`, { headers: person.authorization }))
        .status,
    ).toBe(409);
  });

  it('answers 422 for a waitlisted or cancelled registration and 404 for an unknown code', async () => {
    const cancelled = await register();
    await fixture.call('DELETE', `/api/registrations/${cancelled.id}`, { headers: cancelled.authorization });
    expect((await checkIn({ code: cancelled.code })).status).toBe(422);
    const waiting = await register({ category: 'small' });
    expect(waiting.status).toBe('waitlisted');
    expect((await checkIn({ code: waiting.code })).status).toBe(422);
    expect((await checkIn({ code: '222222222' })).status).toBe(404);
    expect((await checkIn({ code: 'not a code' })).status).toBe(404);
  });
});

describe('registrations list, statistics and CSV', () => {
  it('filters, searches and pages through registrations with an opaque cursor', async () => {
    const marker = `Org${Date.now()}`;
    for (let index = 0; index < 5; index += 1)
      await register({ organization: `${marker} ${index}`, country: 'DE' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query = `q=${marker.toLowerCase()}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await fixture.call('GET', `/api/admin/registrations?${query}`, asOrganizer);
      expect(page.status).toBe(200);
      expect(page.json.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.items.map((item: { id: string }) => item.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);

    const germans = await fixture.call(
      'GET',
      '/api/admin/registrations?country=de&status=confirmed&limit=100',
      asOrganizer,
    );
    expect(germans.json.items.length, 'the five confirmed registrations from Germany').toBeGreaterThanOrEqual(
      5,
    );
    expect(germans.json.items.every((item: { country: string }) => item.country === 'DE')).toBe(true);
    expect((await fixture.call('GET', '/api/admin/registrations?cursor=bm9wZQ', asOrganizer)).status).toBe(
      400,
    );
    expect((await fixture.call('GET', '/api/admin/registrations?limit=1000', asOrganizer)).status).toBe(400);
    expect((await fixture.call('GET', '/api/admin/registrations?sort=name', asOrganizer)).status).toBe(400);
  });

  it('counts per category and country, with the overseas share', async () => {
    // Tables of its own, so the figures are those of exactly the registrations made here.
    const own = await registrationFixture([category('delegate', 100), category('small', 1)]);
    try {
      const made = async (body: Record<string, unknown>) => {
        const response = await own.call('POST', '/api/registrations', { body: attendee(body) });
        expect(response.status).toBe(201);
        return { ...response.json, ...manageCredentials(response.json.manageUrl) };
      };
      for (const country of ['CN', 'CN', 'CN', 'DE', 'JP']) await made({ country });
      await made({ country: 'FR', category: 'small' });
      const waiting = await made({ country: 'US', category: 'small' });
      expect(waiting.status).toBe('waitlisted');
      // Cancelled registrations are not counted.
      const cancelled = await made({ country: 'GB' });
      const cancel = await own.call('DELETE', `/api/registrations/${cancelled.id}`, {
        headers: cancelled.authorization,
      });
      expect(cancel.status).toBe(200);

      const stats = await own.call('GET', '/api/admin/stats', asOrganizer);
      expect(stats.status).toBe(200);
      expect(stats.json.byCountry).toEqual({ CN: 3, DE: 1, JP: 1, FR: 1, US: 1 });
      expect(stats.json.overseasShare).toBeCloseTo(4 / 7);
      expect(stats.json.categories).toMatchObject({
        delegate: { capacity: 100, confirmed: 5, waitlisted: 0 },
        small: { capacity: 1, confirmed: 1, waitlisted: 1 },
      });
    } finally {
      await own.dispose();
    }
  });

  it('gives the counters of each category as stored', async () => {
    const stats = await fixture.call('GET', '/api/admin/stats', asOrganizer);
    expect(stats.status).toBe(200);
    expect(Object.keys(stats.json.categories)).toEqual(
      expect.arrayContaining(['delegate', 'media', 'small']),
    );
    for (const [id, counters] of Object.entries(stats.json.categories)) {
      expect(counters).toEqual(
        expect.objectContaining(
          await fixture.inspect.getCategory('2027', id).then((c) => ({
            capacity: c?.capacity,
            confirmed: c?.confirmed,
            waitlisted: c?.waitlisted,
          })),
        ),
      );
    }
  });

  it('exports an RFC 4180 CSV with a BOM that neutralises formulas', async () => {
    await register({ name: '=HYPERLINK("http://evil.example","x")', organization: 'Comma, "Quoted" Org' });
    const csv = await fixture.call('GET', '/api/admin/registrations.csv', asOrganizer);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="registrations-2027\.csv"$/);
    expect(csv.text.startsWith('\uFEFFid,code,status,category,name,email,country')).toBe(true);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csv.text).toContain('"Comma, ""Quoted"" Org"');
    expect(csv.text.split('\r\n').length).toBeGreaterThan(2);
  });

  it('exports only the selection: named ids, status, category, country, text, checked in or not, registered since', async () => {
    const idsOf = async (query: string) => {
      const csv = await fixture.call('GET', `/api/admin/registrations.csv?${query}`, asOrganizer);
      expect(csv.status).toBe(200);
      const [header, ...rows] = parseCsv(csv.text.replace(/^\uFEFF/, '')).filter((row) => row.length > 1);
      const id = header?.indexOf('id') ?? -1;
      return rows.map((row) => row[id]);
    };
    const arrived = await register({ name: 'Selection Arrived', country: 'CN' });
    const waiting = await register({ name: 'Selection Waiting', category: 'media', country: 'FR' });
    expect(
      (await fixture.call('POST', '/api/admin/checkins', { role: 'checkin', body: { code: arrived.code } }))
        .status,
    ).toBe(200);
    const { registration } = (await fixture.inspect.get(arrived.id)) ?? {};
    const since = encodeURIComponent(registration?.createdAt ?? '');

    expect(await idsOf(`ids=${waiting.id},${arrived.id}`)).toEqual([waiting.id, arrived.id]);
    expect(await idsOf(`ids=${waiting.id},${arrived.id}&checkedIn=true`)).toEqual([arrived.id]);
    expect(await idsOf(`since=${since}`)).toEqual([arrived.id, waiting.id]);
    expect(await idsOf(`since=${since}&category=media`)).toEqual([waiting.id]);
    expect(await idsOf(`since=${since}&status=pending_approval`)).toEqual([waiting.id]);
    expect(await idsOf(`since=${since}&checkedIn=false`)).toEqual([waiting.id]);
    expect(await idsOf(`since=${since}&q=selection%20WAIT`)).toEqual([waiting.id]);
    expect(await idsOf(`since=${since}&country=fr`)).toEqual([waiting.id]);
    expect(await idsOf(`since=${since}&country=CN`)).toEqual([arrived.id]);

    for (const [query, field] of [
      ['checkedIn=yes', 'checkedIn'],
      ['since=yesterday', 'since'],
      [`ids=${arrived.id},not-an-id`, 'ids'],
      ['status=arrived', 'status'],
      ['country=China', 'country'],
    ]) {
      const refused = await fixture.call('GET', `/api/admin/registrations.csv?${query}`, asOrganizer);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.json.errors)).toContain(field);
    }
  });
});
