import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { expectInvariants } from '../support/invariants.ts';
import {
  attendee,
  category,
  manageCredentials,
  registrationFixture,
} from '../support/registration-fixture.ts';

type Fixture = Awaited<ReturnType<typeof registrationFixture>>;
let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

/**
 * Registers as a well-behaved client does: with an Idempotency-Key, retrying after 503 or
 * "in progress" as `retry-after` says, so an answer lost to a timeout is never a second registration.
 */
async function registerPatiently(call: Fixture['call'], body: Record<string, unknown>) {
  const headers = { 'idempotency-key': randomUUID() };
  for (;;) {
    const response = await call('POST', '/api/registrations', { body, headers });
    if (response.status !== 503 && response.headers['retry-after'] === undefined) return response;
    // Sooner than retry-after asks, so the test does not idle: the server turns the excess away cheaply.
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 300));
  }
}

describe('under contention', () => {
  it('gives exactly 100 seats to 500 concurrent registrations and waitlists the other 400', {
    timeout: 120_000,
  }, async () => {
    fixture = await registrationFixture([category('delegate', 100)]);
    const { call } = fixture;
    const responses = await Promise.all(
      Array.from({ length: 500 }, () => registerPatiently(call, attendee())),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status !== 201)).toEqual([]);
    const outcome = responses.map((response) => response.json.status);
    expect(outcome.filter((status) => status === 'confirmed')).toHaveLength(100);
    expect(outcome.filter((status) => status === 'waitlisted')).toHaveLength(400);
    expect(await fixture.inspect.getCategory('2027', 'delegate')).toMatchObject({
      confirmed: 100,
      waitlisted: 400,
    });
    expectInvariants(await fixture.items());
  });
});

/** A small seeded PRNG, so a failing interleaving can be replayed from its seed. */
function mulberry32(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('any interleaving', () => {
  it.each([1, 2, 3])('keeps every invariant (seed %i)', async (seed) => {
    fixture = await registrationFixture([
      category('a', 5),
      category('b', 2),
      category('press', 3, { needsApproval: true }),
    ]);
    const { call } = fixture;
    const random = mulberry32(seed);
    const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
    const holders: Array<{ id: string; authorization: Record<string, string> }> = [];
    const pendingIds: string[] = [];
    const replays: Array<{ key: string; body: Record<string, unknown> }> = [];
    let emails = 0;

    const operations = {
      register: async () => {
        const body = attendee({
          category: pick(['a', 'b', 'press']),
          email: `p${seed}-${emails++}@example.org`,
        });
        const key = random() < 0.5 ? `k-${seed}-${emails}` : undefined;
        const response = await call('POST', '/api/registrations', {
          body,
          headers: key ? { 'idempotency-key': key } : {},
        });
        if (response.status !== 201) return;
        if (key) replays.push({ key, body });
        holders.push(manageCredentials(response.json.manageUrl));
        if (response.json.status === 'pending_approval') pendingIds.push(response.json.id);
      },
      replay: async () => {
        const replay = pick(replays);
        if (replay)
          await call('POST', '/api/registrations', {
            body: replay.body,
            headers: { 'idempotency-key': replay.key },
          });
      },
      cancel: async () => {
        const holder = pick(holders);
        if (holder)
          await call('DELETE', `/api/registrations/${holder.id}`, { headers: holder.authorization });
      },
      approve: async () => {
        const id = pick(pendingIds);
        if (id) await call('POST', `/api/admin/registrations/${id}/approve`, { role: 'organizer' });
      },
      reject: async () => {
        const id = pick(pendingIds);
        if (id) await call('POST', `/api/admin/registrations/${id}/reject`, { role: 'organizer' });
      },
      capacity: async () => {
        const capacity = Math.floor(random() * 7);
        await call('PUT', `/api/admin/categories/${pick(['a', 'b', 'press'])}`, {
          role: 'organizer',
          body: { capacity },
        });
      },
      checkIn: async () => {
        const holder = pick(holders);
        if (!holder) return;
        const own = await call('GET', `/api/registrations/${holder.id}`, { headers: holder.authorization });
        await call('POST', '/api/admin/checkins', { role: 'checkin', body: { code: own.json.code } });
      },
    };
    const weighted = [
      ...Array(5).fill(operations.register),
      operations.replay,
      ...Array(3).fill(operations.cancel),
      operations.approve,
      operations.reject,
      operations.capacity,
      operations.checkIn,
    ] as Array<() => Promise<void>>;

    // Rounds of concurrent operations: every round races its operations against each other.
    for (let round = 0; round < 12; round += 1) {
      await Promise.all(Array.from({ length: 8 }, () => pick(weighted)?.()));
    }
    expectInvariants(await fixture.items());
  });
});

describe('whatever the body', () => {
  it('never answers 5xx, and stores nothing unless it answers 201', async () => {
    fixture = await registrationFixture([category('delegate', 1000)]);
    const { call, items } = fixture;
    const field = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.object(),
      fc.array(fc.string()),
    );
    const body = fc.oneof(
      fc.record(
        {
          category: fc.oneof(fc.constant('delegate'), field),
          name: fc.oneof(fc.string({ minLength: 1 }), field),
          email: fc.oneof(fc.emailAddress(), field),
          country: fc.oneof(fc.constantFrom('CN', 'DE', 'us', 'XX'), field),
          language: fc.oneof(fc.constantFrom('en', 'zh'), field),
          consent: fc.oneof(fc.constant(true), field),
          needsVisaLetter: field,
          extra: field,
        },
        { requiredKeys: [] },
      ),
      field,
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(body, async (document) => {
        const before = (await items()).length;
        const response = await call('POST', '/api/registrations', {
          body: typeof document === 'string' ? document : JSON.stringify(document),
        });
        expect(response.status).toBeLessThan(500);
        if (response.status !== 201) expect((await items()).length).toBe(before);
      }),
      { numRuns: 150 },
    );
    expectInvariants(await items());
  });
});
