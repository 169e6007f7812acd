/**
 * The proof of work at the default settings, through the running portal (`npm start`): challenges
 * are never cached, registering needs a solution, and the difficulty of one address rises from the
 * first step to the second after ten registrations, every one of them accepted.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultProofOfWorkSettings } from '../../functions/domain/proof-of-work.ts';
import { type RunningPortal, startPortal } from '../support/portal-process.ts';
import { uniqueEmail } from '../support/portal-registration.ts';
import { fetchChallenge, solutionPayload } from '../support/proof-of-work.ts';
import { portalConsents } from '../support/registration-consents.ts';

let dataDirectory: string;
let portal: RunningPortal;
beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'portal-proof-of-work-'));
  // Empty: the defaults, not the test project's low difficulty.
  portal = await startPortal({ DATA_DIR: dataDirectory, PROOF_OF_WORK: '' });
});
afterAll(async () => {
  await portal?.stop();
  await rm(dataDirectory, { recursive: true, force: true });
});

const register = (body: Record<string, unknown>) =>
  fetch(new URL('/api/registrations', portal.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      category: 'speaker',
      name: 'Default Steps',
      country: 'CN',
      language: 'en',
      ...portalConsents,
      ...body,
    }),
  });

describe('proof of work at the default settings', () => {
  it('serves challenges uncached, at the first step for a new address', async () => {
    const response = await fetch(new URL('/api/challenge?purpose=review', portal.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const challenge = await response.json();
    expect(challenge).toMatchObject({
      algorithm: 'SHA-256',
      maxnumber: defaultProofOfWorkSettings.steps[0]?.maxnumber,
    });
  });

  it('refuses a registration without a solution or with the honeypot filled', async () => {
    const email = uniqueEmail('nosolution');
    const missing = await register({ email });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors.map(({ path }: { path: string }) => path)).toEqual(['altcha']);
    const altcha = solutionPayload(await fetchChallenge(portal.url, 'registration', email));
    const trapped = await register({ email, altcha, website: 'http://spam.example' });
    expect(trapped.status).toBe(400);
    expect((await trapped.json()).errors.map(({ path }: { path: string }) => path)).toEqual(['website']);
  });

  it('registers twelve from one address, the eleventh on a harder challenge', async () => {
    const [first, second] = defaultProofOfWorkSettings.steps;
    const maxnumbers: number[] = [];
    for (let index = 0; index < 12; index += 1) {
      const email = uniqueEmail(`steps${index}`);
      const challenge = await fetchChallenge(portal.url, 'registration', email);
      maxnumbers.push(challenge.maxnumber);
      const response = await register({ email, altcha: solutionPayload(challenge) });
      expect(response.status, `registration ${index + 1}`).toBe(201);
      await response.body?.cancel();
    }
    expect(maxnumbers).toEqual([...Array(10).fill(first?.maxnumber), ...Array(2).fill(second?.maxnumber)]);
  });
});
