/**
 * The abuse defences of registration and review posting, on DynamoDB Local with the real
 * conditional writes: a missing, malformed, forged, expired, misdirected or reused solution, or a
 * filled honeypot, gets a 400 naming its field and stores nothing; a delegation behind one address
 * all registers while the difficulty rises.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVenues } from '../../content/load.ts';
import { venueRoutes } from '../../functions/api/venues.ts';
import { createChallenge } from '../../functions/domain/proof-of-work.ts';
import { routeHandler } from '../../functions/http/route-handler.ts';
import { contract } from '../../functions/routes.ts';
import { DynamoDbRateLimiter } from '../../functions/store/dynamodb/rate-limiter.ts';
import { DynamoDbVenueStore } from '../../functions/store/dynamodb/venue-store.ts';
import { apiEvent } from '../support/events.ts';
import {
  localSolution,
  solutionPayload,
  testProofOfWork,
  testProofOfWorkSettings,
} from '../support/proof-of-work.ts';
import { attendee, category, registrationFixture } from '../support/registration-fixture.ts';
import { testStaffAudit } from '../support/staff-audit.ts';
import { scanTable } from '../support/table-scan.ts';

/** The fixture's clock, moved forward by tests that let a challenge expire. */
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

let fixture: Awaited<ReturnType<typeof registrationFixture>>;
beforeAll(async () => {
  fixture = await registrationFixture(
    [category('delegate', 1000), category('closed', 10, { closesAt: '2020-01-01T00:00:00+08:00' })],
    now,
  );
});
afterAll(() => fixture.dispose());

const post = (
  body: Record<string, unknown>,
  init: { client?: string; headers?: Record<string, string> } = {},
) => fixture.call('POST', '/api/registrations', { body, solve: false, ...init });

const altchaRefusal = (answer: {
  status: number;
  json?: { errors?: { path: string; message: string }[] };
}) => {
  expect(answer.status).toBe(400);
  expect(answer.json?.errors?.map(({ path }) => path)).toEqual(['altcha']);
  return answer.json?.errors?.[0]?.message;
};

/** Asserts a refused request stored nothing at all, claims and counters included. */
async function storesNothing(send: () => Promise<unknown>) {
  const before = await fixture.items();
  await send();
  expect(await fixture.items()).toEqual(before);
}

describe('registering without a valid proof of work', () => {
  it('refuses a body without a solution, naming altcha', async () => {
    await storesNothing(async () => altchaRefusal(await post(attendee())));
  });

  it('refuses a malformed or forged solution', async () => {
    const person = attendee();
    const { altcha } = await fixture.solvedChallenge(person.email);
    const fields = JSON.parse(Buffer.from(altcha, 'base64').toString());
    const forged = [
      'bm90IGpzb24=',
      Buffer.from(JSON.stringify({ ...fields, number: fields.number + 1 })).toString('base64'),
      Buffer.from(JSON.stringify({ ...fields, signature: 'f'.repeat(64) })).toString('base64'),
      // Signed with another key: a challenge this server never issued.
      solutionPayload(
        createChallenge(
          'not the server key',
          { purpose: 'registration', domain: 'example.org' },
          {
            maxnumber: 50,
            now: now(),
            expiresInSeconds: 600,
          },
        ),
      ),
    ];
    for (const solution of forged) {
      await storesNothing(async () => {
        expect(altchaRefusal(await post({ ...person, altcha: solution }))).toMatch(/not a solution|signed/);
      });
    }
  });

  it('refuses a solution for another e-mail domain or for a review', async () => {
    const person = attendee({ email: 'someone@elsewhere.example' });
    const other = (await fixture.solvedChallenge('someone@example.org')).altcha;
    const review = localSolution({ purpose: 'review' }, { now: now() });
    for (const altcha of [other, review]) {
      await storesNothing(async () => {
        expect(altchaRefusal(await post({ ...person, altcha }))).toMatch(/another purpose/);
      });
    }
  });

  it('refuses an expired solution', async () => {
    const person = attendee();
    const { altcha } = await fixture.solvedChallenge(person.email);
    offsetMs += testProofOfWorkSettings.expiresInSeconds * 1000;
    try {
      await storesNothing(async () => {
        expect(altchaRefusal(await post({ ...person, altcha }))).toMatch(/expired/);
      });
    } finally {
      offsetMs -= testProofOfWorkSettings.expiresInSeconds * 1000;
    }
  });

  it('accepts a solution once: a second registration with it is refused and stores nothing', async () => {
    const first = attendee();
    const { altcha } = await fixture.solvedChallenge(first.email);
    expect((await post({ ...first, altcha })).status).toBe(201);
    await storesNothing(async () => {
      expect(altchaRefusal(await post({ ...attendee(), altcha }))).toMatch(/used already/);
    });
  });

  it('refuses a filled honeypot field with 400 naming it', async () => {
    const person = attendee();
    const { altcha } = await fixture.solvedChallenge(person.email);
    await storesNothing(async () => {
      const answer = await post({ ...person, altcha, website: 'https://spam.example' });
      expect(answer.status).toBe(400);
      expect(answer.json.errors.map(({ path }: { path: string }) => path)).toEqual(['website']);
    });
    // The solution was not spent: the form without the trap registers with it.
    expect((await post({ ...person, altcha, website: '' })).status).toBe(201);
  });

  it('frees the solution of a refused registration, so nothing of it stays stored', async () => {
    const person = attendee({ category: 'closed' });
    const { altcha } = await fixture.solvedChallenge(person.email);
    await storesNothing(async () => expect((await post({ ...person, altcha })).status).toBe(409));
    expect((await post({ ...person, category: 'delegate', altcha })).status).toBe(201);
  });

  it('spends the solution of a probe of a taken address and counts it, so probing costs what registering does', async () => {
    const prober = '203.0.113.77';
    const taken = attendee({ email: `taken.${Date.now()}@probed.example` });
    expect(
      (await post({ ...taken, altcha: (await fixture.solvedChallenge(taken.email)).altcha })).status,
    ).toBe(201);
    const maxnumbers: number[] = [];
    let lastProof = '';
    for (let probe = 0; probe < 10; probe += 1) {
      const { altcha, maxnumber } = await fixture.solvedChallenge(taken.email, prober);
      maxnumbers.push(maxnumber);
      const answer = await post({ ...taken, name: 'Prober', altcha }, { client: prober });
      expect(answer.status).toBe(409);
      expect(answer.json.type).toMatch(/already-registered$/);
      lastProof = altcha;
    }
    // The domain's one registration and the probes count alike: the first step, then the second.
    expect(maxnumbers).toEqual([...Array(9).fill(50), 200]);
    expect(altchaRefusal(await post({ ...taken, altcha: lastProof }, { client: prober }))).toMatch(
      /used already/,
    );
    expect((await fixture.solvedChallenge('someone@elsewhere-probe.example', prober)).maxnumber).toBe(200);
  });

  it('replays an Idempotency-Key retry that sends the same solution again', async () => {
    const person = attendee();
    const { altcha } = await fixture.solvedChallenge(person.email);
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const first = await post({ ...person, altcha }, { headers });
    const retry = await post({ ...person, altcha }, { headers });
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.json).toEqual(first.json);
  });
});

describe('a delegation behind one address', () => {
  it('registers 40 people from one hotel address, each solving a harder challenge as the count rises', async () => {
    const hotel = '203.0.113.40';
    const maxnumbers: number[] = [];
    for (let index = 0; index < 40; index += 1) {
      const person = attendee({ email: `delegate.${index}.${Date.now()}@hotel-delegation.example` });
      const { altcha, maxnumber } = await fixture.solvedChallenge(person.email, hotel);
      maxnumbers.push(maxnumber);
      const answer = await post({ ...person, altcha }, { client: hotel });
      expect(answer.status, `registration ${index + 1}`).toBe(201);
    }
    // The test steps: 50 for the first 10, 200 up to 30, then 500 (testProofOfWorkSettings).
    expect(maxnumbers.slice(0, 10)).toEqual(Array(10).fill(50));
    expect(maxnumbers.slice(10, 30)).toEqual(Array(20).fill(200));
    expect(maxnumbers.slice(30)).toEqual(Array(10).fill(500));
    // Another address with another e-mail domain still starts at the first step.
    const { maxnumber } = await fixture.solvedChallenge('alone@elsewhere.example', '198.51.100.1');
    expect(maxnumber).toBe(50);
    // The same domain from another address is as busy as the delegation.
    expect((await fixture.solvedChallenge('late@hotel-delegation.example', '198.51.100.2')).maxnumber).toBe(
      500,
    );
  });

  it('refuses challenges fetched in a batch once the burst has made them too easy', async () => {
    const burst = '203.0.113.99';
    const people = Array.from({ length: 12 }, (_, index) =>
      attendee({ email: `burst.${index}@burst-${Date.now()}.example` }),
    );
    const solutions = [];
    for (const person of people) solutions.push((await fixture.solvedChallenge(person.email, burst)).altcha);
    const statuses = [];
    for (const [index, person] of people.entries()) {
      statuses.push((await post({ ...person, altcha: solutions[index] }, { client: burst })).status);
    }
    expect(statuses).toEqual([...Array(10).fill(201), 400, 400]);
  });
});

describe('posting a review without a valid proof of work', () => {
  let venues: { api: ReturnType<typeof routeHandler>; table: string };
  beforeAll(async () => {
    const { documentClient, tableNames } = fixture.tables;
    const store = new DynamoDbVenueStore(documentClient, tableNames.venues);
    await store.upsertVenues((await loadVenues()).slice(0, 3));
    venues = {
      table: tableNames.venues,
      api: routeHandler(
        contract,
        venueRoutes({
          store,
          rateLimiter: new DynamoDbRateLimiter(documentClient, tableNames.venues),
          now,
          proofOfWork: testProofOfWork(documentClient, tableNames.venues, { now }),
        }),
        testStaffAudit(documentClient, tableNames),
      ),
    };
  });

  const review = { rating: 4, comment: 'Quiet rooms by the canal.', author: 'Mei' };
  const postReview = async (body: Record<string, unknown>) => {
    const venue = (await loadVenues())[0]?.id ?? '';
    const answer = await venues.api(
      apiEvent('POST', `/api/venues/${venue}/reviews`, {
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
        client: '192.0.2.77',
      }),
    );
    return { status: answer.statusCode, json: JSON.parse(String(answer.body)) };
  };
  const venueItems = () => scanTable(String(fixture.tables.settings.endpoint), venues.table);

  it('refuses a missing, forged, registration or reused solution, and a filled honeypot, storing nothing', async () => {
    const used = localSolution({ purpose: 'review' }, { now: now() });
    expect((await postReview({ ...review, altcha: used })).status).toBe(201);
    const before = await venueItems();
    const refused = [
      review,
      {
        ...review,
        altcha: localSolution({ purpose: 'review' }, { secret: 'not the server key', now: now() }),
      },
      {
        ...review,
        altcha: localSolution({ purpose: 'registration', domain: 'example.org' }, { now: now() }),
      },
      { ...review, altcha: used },
      { ...review, altcha: localSolution({ purpose: 'review' }, { now: now() }), website: 'spam' },
    ];
    for (const body of refused) {
      const answer = await postReview(body);
      expect(answer.status).toBe(400);
      expect(answer.json.errors.map(({ path }: { path: string }) => path)).toEqual([
        'website' in body ? 'website' : 'altcha',
      ]);
    }
    expect(await venueItems()).toEqual(before);
  });
});
