import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeRoutes } from '../../functions/api/badges.ts';
import { badgesContract } from '../../functions/contract/badges.ts';
import { routeHandler } from '../../functions/http/route-handler.ts';
import { withAuthorizerClaims } from '../../local/gateway-event.ts';
import { testSigningKey } from '../support/checkin-signing.ts';
import { apiEvent } from '../support/events.ts';
import { pdfPageCount, pdfPageTexts } from '../support/pdf-reading.ts';
import { attendee, category, registrationFixture } from '../support/registration-fixture.ts';
import { testStaffAudit } from '../support/staff-audit.ts';

let fixture: Awaited<ReturnType<typeof registrationFixture>>;
beforeAll(async () => {
  fixture = await registrationFixture([
    category('delegate', 100),
    category('media', 100, { needsApproval: true }),
  ]);
});
afterAll(() => fixture.dispose());

const register = async (overrides: Record<string, unknown> = {}) => {
  const response = await fixture.call('POST', '/api/registrations', { body: attendee(overrides) });
  expect(response.status).toBe(201);
  return response.json as { id: string; code: string };
};
const checkIn = async (code: string) =>
  expect(
    (await fixture.call('POST', '/api/admin/checkins', { role: 'checkin', body: { code } })).status,
  ).toBe(200);

const pdfOf = (answer: { text: string; isBase64Encoded: boolean }) => {
  expect(answer.isBase64Encoded).toBe(true);
  return Buffer.from(answer.text, 'base64');
};
const squashed = (pdf: Buffer) => pdfPageTexts(pdf).join('').replace(/\s+/g, '');
const lastEntry = async () => (await fixture.auditTrail.list({ action: 'badges.print', limit: 1 })).items[0];

describe('GET /api/admin/badges.pdf', () => {
  it('prints the named registrations in their order, with pinyin and codes, and records them', async () => {
    const people = [
      await register({ name: '欧阳娜娜', organization: '浙江大学' }),
      await register({ name: 'Maximiliane Alexandra von Hohenzollern-Sigmaringen Brandenbu', country: 'DE' }),
      await register({ name: 'Li Wei', country: 'SG' }),
    ];
    const ids = people.map(({ id }) => id);
    const answer = await fixture.call('GET', `/api/admin/badges.pdf?layout=a4-4xa6&ids=${ids.join(',')}`, {
      role: 'organizer',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-disposition': 'attachment; filename="badges-2027-a4-4xa6-1.pdf"',
      'cache-control': 'no-store',
    });
    expect(answer.headers.link).toBeUndefined();
    const pdf = pdfOf(answer);
    expect(pdfPageCount(pdf)).toBe(1);
    const text = squashed(pdf);
    expect(text).toContain('欧阳娜娜ŌuyángNànà浙江大学');
    expect(text).toContain('MaximilianeAlexandravonHohenzollern-SigmaringenBrandenbu');
    for (const { code } of people)
      expect(text).toContain(`${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`);
    expect(text.indexOf('欧阳娜娜')).toBeLessThan(text.indexOf('LiWei'));
    expect(await lastEntry()).toMatchObject({
      outcome: 'succeeded',
      registrationIds: ids,
      filter: { edition: '2027', ids: '3', layout: 'a4-4xa6', offset: '0' },
    });
  });

  it('prints the registrations matching the criteria: checked in, category, registered since', async () => {
    const since = new Date().toISOString();
    const arrived = await register({ name: 'Badge Arrived' });
    await register({ name: 'Badge Waiting' });
    const media = await register({ name: 'Badge Press', category: 'media' });
    await checkIn(arrived.code);
    const query = `since=${encodeURIComponent(since)}`;
    const checkedIn = await fixture.call('GET', `/api/admin/badges.pdf?layout=a6&${query}&checkedIn=true`, {
      role: 'organizer',
    });
    expect(squashed(pdfOf(checkedIn))).toContain('BadgeArrived');
    expect(squashed(pdfOf(checkedIn))).not.toContain('BadgeWaiting');
    const press = await fixture.call(
      'GET',
      `/api/admin/badges.pdf?layout=butterfly&${query}&category=media`,
      {
        role: 'organizer',
      },
    );
    expect(pdfPageCount(pdfOf(press))).toBe(1);
    expect(await lastEntry()).toMatchObject({ registrationIds: [media.id], filter: { category: 'media' } });
    const all = await fixture.call('GET', `/api/admin/badges.pdf?layout=a6&${query}`, { role: 'organizer' });
    expect(pdfPageCount(pdfOf(all))).toBe(3);
  });

  it('pages a large selection: each part names the next in a Link header', async () => {
    const since = new Date().toISOString();
    const people = [await register(), await register(), await register()];
    // The route as wired, with parts of two badges instead of 500.
    const handler = routeHandler(
      badgesContract,
      badgeRoutes({ contextFor: async () => fixture.context, signingKey: testSigningKey, perPart: 2 }),
      testStaffAudit(fixture.tables.documentClient, fixture.tables.tableNames),
    );
    const get = async (url: string) => {
      const event = apiEvent('GET', url);
      withAuthorizerClaims(event, { 'cognito:groups': ['organizer'], sub: 'printer' });
      return handler(event);
    };
    const first = await get(`/api/admin/badges.pdf?layout=a6&since=${encodeURIComponent(since)}`);
    expect(first.statusCode).toBe(200);
    expect(pdfPageCount(Buffer.from(first.body ?? '', 'base64'))).toBe(2);
    const link = /^<([^>]+)>; rel="next"$/.exec(String(first.headers?.link))?.[1] ?? '';
    expect(new URL(link, 'https://portal.test').searchParams.get('offset')).toBe('2');
    const second = await get(link);
    expect(second.statusCode).toBe(200);
    expect(second.headers?.['content-disposition']).toContain('badges-2027-a6-2.pdf');
    expect(second.headers?.link).toBeUndefined();
    expect(pdfPageCount(Buffer.from(second.body ?? '', 'base64'))).toBe(1);
    expect(await lastEntry()).toMatchObject({ registrationIds: [people[2]?.id], filter: { offset: '2' } });
    // A part that ends exactly at the last registration names no next part.
    const lastTwo = await get(`/api/admin/badges.pdf?layout=a6&since=${encodeURIComponent(since)}&offset=1`);
    expect(lastTwo.statusCode).toBe(200);
    expect(lastTwo.headers?.link).toBeUndefined();
    expect(await lastEntry()).toMatchObject({ registrationIds: [people[1]?.id, people[2]?.id] });
    const past = await get(`/api/admin/badges.pdf?layout=a6&since=${encodeURIComponent(since)}&offset=3`);
    expect(past.statusCode).toBe(404);
    expect(await lastEntry()).toMatchObject({ outcome: 'refused', registrationIds: [] });
  });

  it('lets a check-in desk print one badge, of a registration checked in, and nothing more', async () => {
    const [arrived, away] = [await register({ name: 'Desk Arrived' }), await register({ name: 'Desk Away' })];
    await checkIn(arrived.code);
    const desk = (query: string) =>
      fixture.call('GET', `/api/admin/badges.pdf?${query}`, { role: 'checkin' });
    const printed = await desk(`layout=a7&ids=${arrived.id}`);
    expect(printed.status).toBe(200);
    expect(squashed(pdfOf(printed))).toContain('DeskArrived');
    expect(await lastEntry()).toMatchObject({ outcome: 'succeeded', registrationIds: [arrived.id] });

    const notCheckedIn = await desk(`layout=a7&ids=${away.id}`);
    expect(notCheckedIn.status).toBe(404);
    expect(await lastEntry()).toMatchObject({ outcome: 'refused' });
    for (const query of [
      'layout=a7',
      `layout=a7&ids=${arrived.id},${away.id}`,
      `layout=a7&ids=${arrived.id}&status=confirmed`,
    ]) {
      const refused = await desk(query);
      expect(refused.status, query).toBe(403);
      expect(await lastEntry()).toMatchObject({ outcome: 'refused', registrationIds: [] });
    }
  });

  it('refuses a bad query with 400 naming the field, before printing or recording anything', async () => {
    const before = (await fixture.auditTrail.list({ action: 'badges.print', limit: 100 })).items.length;
    for (const [query, field] of [
      ['', 'layout'],
      ['layout=a5', 'layout'],
      ['layout=a6&offset=-1', 'offset'],
      ['layout=a6&offset=many', 'offset'],
      ['layout=a6&ids=not-an-id', 'ids'],
      ['layout=a6&checkedIn=yes', 'checkedIn'],
      ['layout=a6&colour=red', 'colour'],
    ]) {
      const refused = await fixture.call('GET', `/api/admin/badges.pdf?${query}`, { role: 'organizer' });
      expect(refused.status, query).toBe(400);
      expect(JSON.stringify(refused.json.errors), query).toContain(field);
    }
    expect((await fixture.auditTrail.list({ action: 'badges.print', limit: 100 })).items).toHaveLength(
      before,
    );
    expect((await fixture.call('GET', '/api/admin/badges.pdf?layout=a6')).status).toBe(401);
  });
});
