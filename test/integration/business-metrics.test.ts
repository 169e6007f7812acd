import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricNamespace } from '../../functions/telemetry/telemetry.ts';
import { countsOf, metricsEmittedBy } from '../support/emitted-metrics.ts';
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
    category('hall', 1),
    category('press', 10, { needsApproval: true }),
    category('desk', 1),
  ]);
});
afterAll(() => fixture.dispose());

const asOrganizer = { role: 'organizer' as const };

/** The business metrics a request emits, and its answer. */
async function counted(method: string, url: string, init: Parameters<typeof fixture.call>[2] = {}) {
  let answer: Awaited<ReturnType<typeof fixture.call>> | undefined;
  const lines = await metricsEmittedBy(async () => {
    answer = await fixture.call(method, url, init);
  });
  if (!answer) throw new Error(`${method} ${url} did not answer`);
  return { answer, lines, counts: countsOf(lines) };
}

describe('registrations by outcome', () => {
  it('counts a confirmed registration in one EMF line with the outcome beside the service', async () => {
    const { answer, lines, counts } = await counted('POST', '/api/registrations', {
      body: attendee({ category: 'hall' }),
    });
    expect(answer.status).toBe(201);
    expect(answer.json.status).toBe('confirmed');
    expect(counts).toEqual({ 'Registrations outcome=confirmed': 1 });
    expect(lines).toEqual([
      {
        _aws: {
          Timestamp: expect.any(Number),
          CloudWatchMetrics: [
            {
              Namespace: metricNamespace,
              Dimensions: [['service', 'outcome']],
              Metrics: [{ Name: 'Registrations', Unit: 'Count' }],
            },
          ],
        },
        service: expect.any(String),
        outcome: 'confirmed',
        Registrations: 1,
      },
    ]);
  });

  it('counts a waitlisted registration, a duplicate, and a replayed answer not again', async () => {
    const email = uniqueEmail('waiting');
    const key = { 'idempotency-key': `metrics-${Math.random().toString(36).slice(2)}` };
    const body = attendee({ category: 'hall', email });
    const waiting = await counted('POST', '/api/registrations', { body, headers: key });
    expect(waiting.answer.json.status).toBe('waitlisted');
    expect(waiting.counts).toEqual({ 'Registrations outcome=waitlisted': 1 });

    const replayed = await counted('POST', '/api/registrations', { body, headers: key });
    expect(replayed.answer.status).toBe(201);
    expect(replayed.counts).toEqual({});

    const again = await counted('POST', '/api/registrations', {
      body: attendee({ category: 'hall', email }),
    });
    expect(again.answer.status).toBe(409);
    expect(again.counts).toEqual({ 'Registrations outcome=duplicate': 1 });
  });

  it('counts a registration held for approval as pending, and the organizer’s rejection', async () => {
    const held = await counted('POST', '/api/registrations', { body: attendee({ category: 'press' }) });
    expect(held.answer.json.status).toBe('pending_approval');
    expect(held.counts).toEqual({ 'Registrations outcome=pending': 1 });

    const url = `/api/admin/registrations/${held.answer.json.id}/reject`;
    const rejected = await counted('POST', url, asOrganizer);
    expect(rejected.answer.status).toBe(200);
    expect(rejected.counts).toEqual({ 'Registrations outcome=rejected': 1 });
    // Refused the second time: nothing happened, nothing is counted.
    expect((await counted('POST', url, asOrganizer)).counts).toEqual({});
  });

  it('counts nothing for a registration the API refuses before deciding', async () => {
    const closed = await counted('POST', '/api/registrations', { body: attendee({ category: 'nowhere' }) });
    expect(closed.answer.status).toBe(400);
    expect(closed.counts).toEqual({});
  });
});

describe('waitlist promotions and check-ins', () => {
  it('counts the promotion a cancellation makes, and a check-in once however often it is retried', async () => {
    const holder = await fixture.call('POST', '/api/registrations', { body: attendee({ category: 'desk' }) });
    const waiting = await fixture.call('POST', '/api/registrations', {
      body: attendee({ category: 'desk' }),
    });
    expect([holder.json.status, waiting.json.status]).toEqual(['confirmed', 'waitlisted']);

    const { id, authorization } = manageCredentials(holder.json.manageUrl);
    const cancelled = await counted('DELETE', `/api/registrations/${id}`, { headers: authorization });
    expect(cancelled.answer.status).toBe(200);
    expect(cancelled.counts).toEqual({ WaitlistPromotions: 1 });

    const checkIn = { body: { code: waiting.json.code, nonce: 'metrics-nonce-1' }, role: 'checkin' as const };
    const arrived = await counted('POST', '/api/admin/checkins', checkIn);
    expect(arrived.answer.json.result).toBe('checked_in');
    expect(arrived.counts).toEqual({ CheckIns: 1 });
    const retried = await counted('POST', '/api/admin/checkins', checkIn);
    expect(retried.answer.json.result).toBe('checked_in');
    expect(retried.counts).toEqual({});
    const rescanned = await counted('POST', '/api/admin/checkins', {
      ...checkIn,
      body: { code: waiting.json.code, nonce: 'metrics-nonce-2' },
    });
    expect(rescanned.answer.status).toBe(409);
    expect(rescanned.counts).toEqual({});
  });

  it('counts the promotions a capacity change makes', async () => {
    await fixture.call('POST', '/api/registrations', { body: attendee({ category: 'hall' }) });
    const raised = await counted('PUT', '/api/admin/categories/hall', {
      body: { capacity: 3 },
      ...asOrganizer,
    });
    expect(raised.answer.status).toBe(200);
    // The first registration of the hall holds its seat; the two waiting get the new ones.
    expect(raised.counts).toEqual({ WaitlistPromotions: 2 });
  });
});

describe('refused proof-of-work solutions', () => {
  it('counts a refused solution with its reason in the line, not as a dimension', async () => {
    const refused = await counted('POST', '/api/registrations', {
      body: attendee({ altcha: 'not-a-solution' }),
      solve: false,
    });
    expect(refused.answer.status).toBe(400);
    expect(refused.counts).toEqual({ RefusedChallenges: 1 });
    expect(refused.lines[0]).toMatchObject({ reason: 'malformed', RefusedChallenges: 1 });
    expect(refused.lines[0]?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service']]);
  });
});
