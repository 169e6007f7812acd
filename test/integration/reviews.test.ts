import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVenues } from '../../content/load.ts';
import { venueRoutes } from '../../functions/api/venues.ts';
import { reviewRateLimit } from '../../functions/domain/reviews.ts';
import { routeHandler } from '../../functions/http/route-handler.ts';
import { contract } from '../../functions/routes.ts';
import { DynamoDbRateLimiter } from '../../functions/store/dynamodb/rate-limiter.ts';
import { DynamoDbVenueStore } from '../../functions/store/dynamodb/venue-store.ts';
import { withAuthorizerClaims } from '../../local/gateway-event.ts';
import { countsOf, metricsEmittedBy } from '../support/emitted-metrics.ts';
import { apiEvent } from '../support/events.ts';
import { isolatedTables } from '../support/isolated-tables.ts';
import { localSolution, testProofOfWork } from '../support/proof-of-work.ts';
import { testStaffAudit } from '../support/staff-audit.ts';

let tables: Awaited<ReturnType<typeof isolatedTables>>;
let api: ReturnType<typeof routeHandler>;
beforeAll(async () => {
  tables = await isolatedTables();
  const store = new DynamoDbVenueStore(
    tables.documentClient,
    tables.tableNames.venues,
    tables.tableNames.audit,
  );
  await store.upsertVenues(await loadVenues());
  api = routeHandler(
    contract,
    venueRoutes({
      store,
      rateLimiter: new DynamoDbRateLimiter(tables.documentClient, tables.tableNames.venues),
      now: () => new Date(),
      proofOfWork: testProofOfWork(tables.documentClient, tables.tableNames.venues),
    }),
    testStaffAudit(tables.documentClient, tables.tableNames),
  );
});
afterAll(() => tables.dispose());

let clients = 0;
/** A review without an `altcha` field gets one solved (as the form does) unless `solve` is false. */
async function call(
  method: string,
  url: string,
  body?: unknown,
  options: { client?: string; role?: string; solve?: boolean } = {},
) {
  if (method === 'POST' && options.solve !== false && isObject(body) && !('altcha' in body)) {
    return call(method, url, { ...body, altcha: localSolution({ purpose: 'review' }) }, options);
  }
  const event = apiEvent(method, url, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    // Each call comes from its own address unless a test names one, as visitors' phones do.
    client: options.client ?? `2001:db8::${(++clients).toString(16)}`,
  });
  if (options.role) withAuthorizerClaims(event, { 'cognito:groups': [options.role] });
  const response = await api(event);
  return {
    status: response.statusCode,
    headers: response.headers ?? {},
    json: JSON.parse(String(response.body || 'null')),
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const review = (overrides: Record<string, unknown> = {}) => ({
  rating: 4,
  comment: 'Quiet rooms by the canal.',
  author: 'Mei',
  ...overrides,
});

describe('visitors’ reviews', () => {
  it('publishes a review at once and shows markup as the text it is', async () => {
    const comment = '<script>alert("x")</script> <b>lovely</b> & quiet';
    const posted = await call('POST', '/api/venues/tongan-inn/reviews', review({ comment }));
    expect(posted.status).toBe(201);
    expect(posted.json).toMatchObject({ venueId: 'tongan-inn', rating: 4, comment, author: 'Mei' });
    const listed = await call('GET', '/api/venues/tongan-inn/reviews');
    expect(listed.json.items[0]).toMatchObject({ id: posted.json.id, comment });
    expect((await call('GET', '/api/venues/tongan-inn')).json.rating).toEqual({ average: 4, count: 1 });
  });

  it('names every bad field, refuses unknown ones and answers 404 for an unknown venue', async () => {
    const bad = await call('POST', '/api/venues/tongan-inn/reviews', {
      rating: 6,
      comment: '',
      author: 'x'.repeat(81),
      stars: 5,
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'author',
      'comment',
      'rating',
      'stars',
    ]);
    expect((await call('POST', '/api/venues/tongan-inn/reviews', review({ rating: 2.5 }))).status).toBe(400);
    expect((await call('POST', '/api/venues/no-such-place/reviews', review())).status).toBe(404);
    expect((await call('GET', '/api/venues/no-such-place/reviews')).status).toBe(404);
    expect((await call('GET', '/api/venues/tongan-inn/reviews?cursor=e30')).status).toBe(400);
  });

  it('refuses ids no venue or review could have with 400 naming the id, where DynamoDB would have failed', async () => {
    for (const [method, url, body, role] of [
      ['POST', `/api/venues/${'a'.repeat(2100)}/reviews`, review()],
      ['GET', `/api/venues/${'a'.repeat(2100)}/reviews`],
      ['POST', `/api/admin/reviews/${'A'.repeat(3000)}/hide`, undefined, 'organizer'],
      ['POST', '/api/admin/reviews/not-a-review/hide', undefined, 'organizer'],
    ] as Array<[string, string, unknown?, string?]>) {
      const response = await call(method, url, body, { role });
      expect(response.status, url.slice(0, 60)).toBe(400);
      expect(response.json.errors).toEqual([{ path: 'id', message: expect.any(String) }]);
    }
  });

  it('refuses text that breaks the text policy and publishes nothing', async () => {
    const reviewsBefore = (await call('GET', '/api/venues/west-scenic-zone/reviews')).json;
    const ratingBefore = (await call('GET', '/api/venues/west-scenic-zone')).json.rating;
    for (const [field, value] of [
      ['comment', JSON.parse('"Lovely\\ud800"')],
      ['comment', 'Lovely\u0000'],
      ['comment', 'Lovely \u202Egnp.exe'],
      ['author', '\u200B\u3164 '],
      ['author', 'Mei\nDear customer, click here'],
    ] as const) {
      const response = await call('POST', '/api/venues/west-scenic-zone/reviews', review({ [field]: value }));
      expect(response.status, JSON.stringify(value)).toBe(400);
      expect(response.json.errors.map((error: { path: string }) => error.path)).toEqual([field]);
    }
    expect((await call('GET', '/api/venues/west-scenic-zone/reviews')).json).toEqual(reviewsBefore);
    expect((await call('GET', '/api/venues/west-scenic-zone')).json.rating).toEqual(ratingBefore);
  });

  it('limits each client to a few reviews per window with 429 and retry-after', async () => {
    const client = '203.0.113.77';
    const answers = [];
    for (let index = 0; index <= reviewRateLimit.limit; index += 1) {
      answers.push(await call('POST', '/api/venues/east-scenic-zone/reviews', review(), { client }));
    }
    expect(answers.slice(0, reviewRateLimit.limit).map((answer) => answer.status)).toEqual(
      Array(reviewRateLimit.limit).fill(201),
    );
    const limited = answers.at(-1);
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited?.headers['retry-after'])).toBeLessThanOrEqual(reviewRateLimit.windowSeconds);
    // Somebody else may still post.
    expect((await call('POST', '/api/venues/east-scenic-zone/reviews', review())).status).toBe(201);
  });

  it('keeps the rating exact under concurrent posts', async () => {
    const ratings = Array.from({ length: 40 }, (_, index) => (index % 5) + 1);
    const answers = await Promise.all(
      ratings.map((rating) => call('POST', '/api/venues/zhaoming-academy/reviews', review({ rating }))),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(40).fill(201));
    const sum = ratings.reduce((total, rating) => total + rating, 0);
    expect((await call('GET', '/api/venues/zhaoming-academy')).json.rating).toEqual({
      average: sum / 40,
      count: 40,
    });
  });

  it('lists newest first and pages with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(
        'GET',
        `/api/venues/zhaoming-academy/reviews?limit=15${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.json.items.map((item: { id: string }) => item.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(40);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('lets an organizer hide a review, which leaves the list and the rating', async () => {
    const posted = await call('POST', '/api/venues/wuzhen-grand-theatre/reviews', review({ rating: 1 }));
    await call('POST', '/api/venues/wuzhen-grand-theatre/reviews', review({ rating: 5 }));
    const url = `/api/admin/reviews/${posted.json.id}/hide`;
    expect((await call('POST', url)).status).toBe(401);
    expect((await call('POST', url, undefined, { role: 'checkin' })).status).toBe(403);
    expect((await call('POST', url, undefined, { role: 'organizer' })).status).toBe(200);
    expect((await call('POST', url, undefined, { role: 'organizer' })).status).toBe(404);
    const listed = await call('GET', '/api/venues/wuzhen-grand-theatre/reviews');
    expect(listed.json.items.map((item: { id: string }) => item.id)).not.toContain(posted.json.id);
    expect((await call('GET', '/api/venues/wuzhen-grand-theatre')).json.rating).toEqual({
      average: 5,
      count: 1,
    });
  });

  it('counts reviews posted and hidden, and nothing for a refused one', async () => {
    let id = '';
    const posted = await metricsEmittedBy(async () => {
      id = (await call('POST', '/api/venues/tongan-inn/reviews', review())).json.id;
    });
    expect(countsOf(posted)).toEqual({ ReviewsPosted: 1 });
    const refused = await metricsEmittedBy(() =>
      call('POST', '/api/venues/tongan-inn/reviews', review({ altcha: 'not-a-solution' })),
    );
    expect(countsOf(refused)).toEqual({ RefusedChallenges: 1 });
    const url = `/api/admin/reviews/${id}/hide`;
    const hidden = await metricsEmittedBy(() => call('POST', url, undefined, { role: 'organizer' }));
    expect(countsOf(hidden)).toEqual({ ReviewsHidden: 1 });
    const again = await metricsEmittedBy(() => call('POST', url, undefined, { role: 'organizer' }));
    expect(countsOf(again)).toEqual({});
  });
});
