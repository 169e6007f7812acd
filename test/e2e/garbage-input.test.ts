/**
 * Garbage at every public endpoint, through the running portal (the local gateway included): only
 * 4xx answers, problem+json naming the field for 400s, and nothing stored. Then a normal
 * registration, organizer listing, CSV export and check-in, and no personal data in any log line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signOrganizerToken } from '../../local/organizer-tokens.ts';
import { waitForEml } from '../support/outbox-files.ts';
import { type RunningPortal, startPortal } from '../support/portal-process.ts';
import { type Registrant, registerThroughApi } from '../support/portal-registration.ts';
import { fetchSolution } from '../support/proof-of-work.ts';
import { portalConsents } from '../support/registration-consents.ts';
import { snapshotTables } from '../support/table-scan.ts';

let dataDirectory: string;
let portal: RunningPortal;
let organizer: string;

beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'portal-garbage-'));
  portal = await startPortal({ DATA_DIR: dataDirectory });
  organizer = await signOrganizerToken(dataDirectory, 'organizer');
});

afterAll(async () => {
  await portal?.stop();
  await rm(dataDirectory, { recursive: true, force: true });
});

interface Probe {
  method: string;
  path: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

interface Outcome {
  probe: string;
  status: number | string;
  contentType: string | null;
  body: string;
}

const json = { 'content-type': 'application/json' };

async function send(probe: Probe): Promise<Outcome> {
  const label = `${probe.method} ${probe.path.slice(0, 120)} ${String(probe.body ?? '').slice(0, 60)}`;
  try {
    const response = await fetch(new URL(probe.path, portal.url), {
      method: probe.method,
      headers: probe.headers,
      body: Buffer.isBuffer(probe.body) ? new Uint8Array(probe.body) : probe.body,
      signal: AbortSignal.timeout(10_000),
    });
    return {
      probe: label,
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: await response.text(),
    };
  } catch (error) {
    return {
      probe: label,
      status: error instanceof Error ? error.name : 'error',
      contentType: null,
      body: '',
    };
  }
}

/** Only 4xx; 400s are problem+json that name at least one field (or say the body/path is wrong). */
function expectRefused(outcomes: Outcome[]) {
  const wrong = outcomes.filter(
    (outcome) => typeof outcome.status !== 'number' || outcome.status < 400 || outcome.status >= 500,
  );
  expect(wrong.map(({ probe, status, body }) => ({ probe, status, body: body.slice(0, 200) }))).toEqual([]);
  for (const outcome of outcomes) {
    expect(outcome.contentType, outcome.probe).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(outcome.body);
    expect(problem.status, outcome.probe).toBe(outcome.status);
    if (outcome.status === 400 && problem.errors)
      for (const error of problem.errors) expect(typeof error.path, outcome.probe).toBe('string');
  }
}

const validRegistration = {
  category: 'speaker',
  name: 'Garbage Control',
  email: 'control@example.org',
  country: 'DE',
  language: 'en',
  ...portalConsents,
};

const nastyStrings = [
  "' OR 1=1 --",
  '"; DROP TABLE registrations; --',
  '{"$gt":""}',
  '<script>alert(1)</script>',
  '\u0000\u0001\u0007\u001b[31m\r\n',
  '👩‍👩‍👧‍👦'.repeat(2000),
  '\u202emoc.elpmaxe@evil',
  `e${'\u0301'.repeat(5000)}`,
  '=HYPERLINK("http://evil")',
  '../../etc/passwd',
  'x'.repeat(100_000),
];

const deepArray = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
const megabyte = JSON.stringify({ ...validRegistration, name: 'x'.repeat(1_100_000) });
const invalidUtf8 = Buffer.concat([
  Buffer.from('{"category":"speaker","name":"'),
  Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
  Buffer.from('","email":"utf8@example.org","country":"DE","language":"en","consent":true}'),
]);

/** Bodies that are not a valid request anywhere. */
const garbageBodies: Array<string | Buffer> = [
  '',
  'null',
  '[]',
  '42',
  '"a string"',
  'true',
  '{',
  '{"a":1}{"b":2}',
  deepArray,
  deepObject,
  invalidUtf8,
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  ...nastyStrings.map((value) => JSON.stringify({ ...validRegistration, email: value, name: value })),
  JSON.stringify({ ...validRegistration, email: { $gt: '' } }),
  JSON.stringify({ ...validRegistration, consent: 'true' }),
  JSON.stringify({ ...validRegistration, consent: false }),
  JSON.stringify({ ...validRegistration, crossBorderConsent: false }),
  JSON.stringify({ ...validRegistration, noticeVersion: 'an-older-notice' }),
  JSON.stringify({ ...validRegistration, category: ['speaker'] }),
  JSON.stringify({ ...validRegistration, status: 'confirmed' }),
  JSON.stringify({ ...validRegistration, checkedInAt: '2026-01-01T00:00:00Z' }),
  JSON.stringify({ ...validRegistration, country: 'XX' }),
  JSON.stringify({ ...validRegistration, language: 'fr' }),
  JSON.stringify({ ...validRegistration, category: '../delegate' }),
  JSON.stringify({ rating: 6, comment: '', author: '' }),
  JSON.stringify({ rating: '5', comment: 'fine', author: 'me' }),
  JSON.stringify({ rating: 5.5, comment: 'x'.repeat(2001), author: 'x'.repeat(81) }),
  JSON.stringify({ capacity: -1 }),
  JSON.stringify({ capacity: 1e9 }),
  JSON.stringify({ capacity: '10' }),
  JSON.stringify({ code: "' OR 1=1 --" }),
  JSON.stringify({ code: { $gt: '' }, nonce: 7 }),
];

const longId = 'A'.repeat(5000);
const badIds = ['..%2f..%2fetc%2fpasswd', '%2e%2e', longId, '%00', '%ZZ', encodeURIComponent("' OR 1=1 --")];
const badCursors = [
  'bm90IGEgY3Vyc29y',
  Buffer.from(JSON.stringify({ pk: 'REGISTRATION#x', sk: 'x' })).toString('base64url'),
  'eyJvZmZzZXQiOjEw',
  '!!!',
  'A'.repeat(3000),
  Buffer.from('{"offset":-5}').toString('base64url'),
  Buffer.from('{"offset":1e9}').toString('base64url'),
];

const publicRegistrationRoutes = ['POST /api/registrations'];
const bodyRoutes = [
  ...publicRegistrationRoutes,
  'POST /api/venues/internet-hospital/reviews',
  'POST /api/venues/no-such-venue/reviews',
];
const adminRoutes = [
  'GET /api/admin/registrations',
  'GET /api/admin/registrations.csv',
  'POST /api/admin/registrations/01HZZZZZZZZZZZZZZZZZZZZZZZ/approve',
  'POST /api/admin/registrations/01HZZZZZZZZZZZZZZZZZZZZZZZ/reject',
  'PUT /api/admin/categories/speaker',
  'POST /api/admin/checkins',
  'GET /api/admin/stats',
  'POST /api/admin/reviews/x/hide',
];

function probes(): Probe[] {
  const list: Probe[] = [];
  const route = (text: string) => {
    const [method = 'GET', path = '/'] = text.split(' ');
    return { method, path };
  };
  for (const text of bodyRoutes) {
    for (const body of garbageBodies) list.push({ ...route(text), body, headers: json });
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', '']) {
      list.push({
        ...route(text),
        body: JSON.stringify(validRegistration),
        headers: { 'content-type': contentType },
      });
    }
    list.push({ ...route(text), body: megabyte, headers: json });
  }
  // Organizer routes: no token, a forged token, a token of another scheme; with garbage bodies too.
  for (const text of adminRoutes) {
    for (const authorization of [
      undefined,
      'Bearer not.a.jwt',
      'Basic YWRtaW46YWRtaW4=',
      `Bearer ${'x'.repeat(9000)}`,
      'Bearer eyJhbGciOiJub25lIn0.eyJjb2duaXRvOmdyb3VwcyI6WyJvcmdhbml6ZXIiXX0.',
    ])
      list.push({
        ...route(text),
        body: route(text).method === 'GET' ? undefined : '{"capacity":1,"code":"X"}',
        headers: { ...json, ...(authorization ? { authorization } : {}) },
      });
  }
  // Manage endpoints: bad ids, bad and missing tokens.
  for (const id of [...badIds, '01HZZZZZZZZZZZZZZZZZZZZZZZ']) {
    for (const authorization of [undefined, 'Bearer x', `Bearer ${'A'.repeat(43)}`, "Bearer ' OR 1=1 --"]) {
      const headers = authorization ? { authorization } : undefined;
      list.push({ method: 'GET', path: `/api/registrations/${id}`, headers });
      list.push({ method: 'DELETE', path: `/api/registrations/${id}`, headers });
      list.push({ method: 'GET', path: `/api/registrations/${id}/ticket.svg`, headers });
    }
    list.push({ method: 'GET', path: `/api/venues/${id}` });
    list.push({ method: 'GET', path: `/api/venues/${id}/reviews` });
  }
  // Query strings: geo, limits, cursors, unknown parameters, injections.
  const venueQueries = [
    'near=91,0',
    'near=0,181',
    'near=NaN,NaN',
    'near=1,2,3',
    'near=abc',
    'near=',
    'near=30.74,120.49&radius=-1',
    'near=30.74,120.49&radius=1e9',
    'near=30.74,120.49&radius=NaN',
    'limit=0',
    'limit=101',
    'limit=99999999999999999999',
    'limit=-1',
    'limit=1.5',
    'limit=abc',
    'openNow=maybe',
    'at=not-a-date',
    'wifi=yes',
    'payment=bitcoin',
    `q=${'x'.repeat(5000)}`,
    'unknown=1',
    'category=%00',
    `category=${encodeURIComponent("' OR 1=1 --")}`,
    'limit=%7B%22%24gt%22%3A%22%22%7D',
    ...badCursors.map((cursor) => `cursor=${encodeURIComponent(cursor)}`),
  ];
  for (const query of venueQueries) list.push({ method: 'GET', path: `/api/venues?${query}` });
  for (const query of [
    'limit=0',
    'limit=1000',
    'unknown=1',
    ...badCursors.map((c) => `cursor=${encodeURIComponent(c)}`),
  ])
    list.push({ method: 'GET', path: `/api/venues/internet-hospital/reviews?${query}` });
  return list;
}

describe('garbage at every public endpoint', () => {
  it('answers only 4xx with problem+json and stores nothing', async () => {
    const before = await snapshotTables(portal.databaseEndpoint);
    const all = probes();
    const outcomes: Outcome[] = [];
    // A few at a time: garbage must be refused, not throttled into 503.
    for (let index = 0; index < all.length; index += 4)
      outcomes.push(...(await Promise.all(all.slice(index, index + 4).map(send))));
    console.log(
      `garbage corpus: ${outcomes.length} requests`,
      countBy(outcomes.map((o) => String(o.status))),
    );
    expectRefused(outcomes);
    // The contract's 413 for bodies over what the function accepts.
    const huge = outcomes.filter((outcome) => outcome.probe.includes(megabyte.slice(0, 60)));
    expect(huge.map((outcome) => outcome.status)).toEqual(huge.map(() => 413));
    // Admin routes without a valid token: 401.
    const admin = outcomes.filter((outcome) => outcome.probe.includes('/api/admin/'));
    expect(new Set(admin.map((outcome) => outcome.status))).toEqual(new Set([401]));
    expect(await snapshotTables(portal.databaseEndpoint)).toEqual(before);
  });

  it('refuses generated bodies and query strings (fast-check)', async () => {
    const before = await snapshotTables(portal.databaseEndpoint);
    const bodies = fc.oneof(
      fc.anything(),
      fc.record(
        {
          category: fc.oneof(fc.string(), fc.constantFrom('speaker', 'exhibitor')),
          name: fc.string({ unit: 'grapheme', maxLength: 200 }),
          email: fc.oneof(fc.string(), fc.emailAddress()),
          country: fc.string({ maxLength: 3 }),
          language: fc.string({ maxLength: 3 }),
          consent: fc.anything(),
          extra: fc.anything(),
        },
        { requiredKeys: ['extra'] },
      ),
    );
    const outcomes: Outcome[] = [];
    await fc.assert(
      fc.asyncProperty(bodies, fc.constantFrom(...bodyRoutes), async (body, text) => {
        const [method = 'POST', path = '/'] = text.split(' ');
        outcomes.push(await send({ method, path, body: JSON.stringify(body) ?? 'undefined', headers: json }));
      }),
      { numRuns: 150, seed: 20261125 },
    );
    const queries = fc.dictionary(
      fc.constantFrom('near', 'radius', 'limit', 'cursor', 'openNow', 'at', 'wifi', 'payment', 'zz'),
      fc.oneof(fc.string(), fc.double().map(String), fc.base64String()),
      { minKeys: 1 },
    );
    await fc.assert(
      fc.asyncProperty(queries, async (query) => {
        const outcome = await send({ method: 'GET', path: `/api/venues?${new URLSearchParams(query)}` });
        // A generated query may happen to be valid: then 200; never 5xx, never a hang.
        expect(typeof outcome.status === 'number' && outcome.status < 500, outcome.probe).toBe(true);
      }),
      { numRuns: 150, seed: 20261125 },
    );
    expectRefused(outcomes);
    expect(await snapshotTables(portal.databaseEndpoint)).toEqual(before);
  });
});

function countBy(values: string[]) {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

describe('no personal data in the logs', () => {
  it('keeps names, e-mails, organisations and manage tokens out of every log line', async () => {
    const people = [
      {
        name: 'Loggy Person Alpha',
        email: 'loggy.alpha@example.org',
        organization: 'Loggy Org Alpha',
        country: 'CN',
        language: 'zh',
      },
      {
        name: '日志 测试 甲',
        email: 'rizhi.jia@example.org',
        organization: '日志测试单位',
        country: 'DE',
        language: 'en',
      },
    ] satisfies Registrant[];
    const tokens: string[] = [];
    const codes: string[] = [];
    const ids: string[] = [];
    for (const person of people) {
      const created = await registerThroughApi(portal.url, person);
      ids.push(created.id);
      tokens.push(created.manageToken);
      codes.push(created.code);
      const own = await fetch(new URL(`/api/registrations/${created.id}`, portal.url), {
        headers: { authorization: `Bearer ${created.manageToken}` },
      });
      expect(own.status).toBe(200);
      await own.text();
      // A duplicate (409) and an invalid variant (400) are logged too, if at all.
      await fetch(new URL('/api/registrations', portal.url), {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          category: 'speaker',
          ...portalConsents,
          ...person,
          altcha: await fetchSolution(portal.url, 'registration', person.email),
        }),
      });
      await fetch(new URL('/api/registrations', portal.url), {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ category: 'speaker', ...portalConsents, consent: false, ...person }),
      });
    }
    const admin = { authorization: `Bearer ${organizer}` };
    for (const path of [
      '/api/admin/registrations',
      `/api/admin/registrations?q=${encodeURIComponent(people[0]?.email ?? '')}`,
      `/api/admin/registrations?q=${encodeURIComponent(people[1]?.name ?? '')}`,
      '/api/admin/registrations.csv',
      '/api/admin/stats',
    ]) {
      const response = await fetch(new URL(path, portal.url), { headers: admin });
      expect(response.status, path).toBe(200);
      await response.text();
    }
    for (const code of codes) {
      const checkin = await fetch(new URL('/api/admin/checkins', portal.url), {
        method: 'POST',
        headers: { ...admin, ...json },
        body: JSON.stringify({ code }),
      });
      expect(checkin.status).toBe(200);
      const again = await fetch(new URL('/api/admin/checkins', portal.url), {
        method: 'POST',
        headers: { ...admin, ...json },
        body: JSON.stringify({ code }),
      });
      expect(again.status).toBe(409);
    }
    // The outbox poller has delivered the messages (it logs too).
    for (const id of ids) await waitForEml(dataDirectory, id);
    const logs = portal.output();
    for (const value of [...people.flatMap((p) => [p.name, p.email, p.organization]), ...tokens])
      expect(logs.includes(value), `the log holds ${value}`).toBe(false);
    // The garbage runs above sent control@example.org and friends: not logged either.
    expect(logs.includes(validRegistration.email)).toBe(false);
    expect(logs.includes('Garbage Control')).toBe(false);
  });
});
