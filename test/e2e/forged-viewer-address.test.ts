/**
 * A client cannot choose its own address: through the running portal, forged address headers
 * (CloudFront-Viewer-Address, and the viewer header CloudFront's function writes in AWS with a
 * guessed origin secret; different on every request, well-formed or not) neither reset the review
 * rate limit nor move an Idempotency-Key to a scope of its own. Without CloudFront's secret the
 * portal takes the address of the connection.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewRateLimit } from '../../functions/domain/reviews.ts';
import { originVerifyHeader, viewerAddressHeader } from '../../functions/http/viewer-address.ts';
import { type RunningPortal, startPortal } from '../support/portal-process.ts';
import { uniqueEmail } from '../support/portal-registration.ts';
import { fetchSolution } from '../support/proof-of-work.ts';
import { portalConsents } from '../support/registration-consents.ts';

let dataDirectory: string;
let portal: RunningPortal;

beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'portal-forged-address-'));
  portal = await startPortal({ DATA_DIR: dataDirectory });
});

afterAll(async () => {
  await portal?.stop();
  await rm(dataDirectory, { recursive: true, force: true });
});

/** What an attacker would put in the headers: other viewers' addresses, and any string at all. */
const forgedAddress = (index: number) =>
  index % 2 === 0 ? `198.51.100.${index + 1}:${40_000 + index}` : `attacker-${index}`;

const forgedHeaders = (index: number) => ({
  'cloudfront-viewer-address': forgedAddress(index),
  [viewerAddressHeader]: `198.51.100.${index + 1}`,
  [originVerifyHeader]: `guess-${index}`,
});

const post = (path: string, body: unknown, headers: Record<string, string>) =>
  fetch(new URL(path, portal.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('forged address headers', () => {
  it('does not lift the review rate limit: every post past the limit gets 429', async () => {
    const extra = 12;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let index = 0; index < reviewRateLimit.limit + extra; index++) {
      const response = await post(
        '/api/venues/east-scenic-zone/reviews',
        {
          rating: 3,
          comment: `Forged address number ${index}.`,
          author: 'Mallory',
          altcha: await fetchSolution(portal.url, 'review'),
        },
        forgedHeaders(index),
      );
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
      await response.body?.cancel();
    }
    expect(statuses).toEqual([
      ...Array<number>(reviewRateLimit.limit).fill(201),
      ...Array<number>(extra).fill(429),
    ]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('does not scope an Idempotency-Key away: the same key replays, or is refused for another body', async () => {
    const body = {
      category: 'speaker',
      name: 'Mallory Forger',
      email: uniqueEmail('mallory'),
      country: 'DE',
      language: 'en',
      ...portalConsents,
    };
    const solved = { ...body, altcha: await fetchSolution(portal.url, 'registration', body.email) };
    const key = crypto.randomUUID();
    const first = await post('/api/registrations', solved, {
      'idempotency-key': key,
      ...forgedHeaders(20),
    });
    expect(first.status).toBe(201);
    const created = await first.json();

    // Under another forged address the same request is still this client's: the stored answer again.
    const replay = await post('/api/registrations', solved, {
      'idempotency-key': key,
      ...forgedHeaders(99),
    });
    expect(replay.status).toBe(201);
    expect(await replay.json()).toEqual(created);

    const otherBody = await post(
      '/api/registrations',
      {
        ...solved,
        email: uniqueEmail('mallory'),
        altcha: await fetchSolution(portal.url, 'registration', body.email),
      },
      { 'idempotency-key': key, ...forgedHeaders(7) },
    );
    expect(otherBody.status).toBe(422);
    await otherBody.body?.cancel();
  });
});
