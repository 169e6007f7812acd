import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkinCodeHash } from '../../functions/domain/checkin-code-hash.ts';
import { revokedTicketDays } from '../../functions/domain/erasure.ts';
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
    category('media', 100, { needsApproval: true }),
  ]);
});
afterAll(() => fixture.dispose());

const asDesk = { role: 'checkin' as const };

const registered = async (overrides: Record<string, unknown> = {}) => {
  const response = await fixture.call('POST', '/api/registrations', { body: attendee(overrides) });
  expect(response.status).toBe(201);
  return response.json as { id: string; code: string; status: string };
};

/** Every page of a desk download, following nextCursor. */
async function allPages<T>(url: string, pick: (page: Record<string, unknown>) => T[]): Promise<T[]> {
  const found: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await fixture.call('GET', `${url}&${cursor ? `cursor=${cursor}` : ''}`, asDesk);
    expect(page.status, page.text).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    found.push(...pick(page.json));
    cursor = page.json.nextCursor;
  } while (cursor);
  return found;
}

describe('what a check-in desk downloads', () => {
  it('the roster holds the confirmed tickets only, each as a code hash, a name and a category; the revoked list the cancelled, rejected and erased ones', async () => {
    const confirmed = [
      await registered({ name: 'Ada Confirmed' }),
      await registered({ name: '王 确认' }),
      await registered({ name: 'Third Confirmed' }),
    ];
    const cancelled = await registered();
    const [message] = await fixture.outbox(cancelled.id);
    const { authorization } = manageCredentials(message?.manageUrl ?? '');
    expect(
      (await fixture.call('DELETE', `/api/registrations/${cancelled.id}`, { headers: authorization })).status,
    ).toBe(200);
    const rejected = await registered({ category: 'media' });
    expect(
      (await fixture.call('POST', `/api/admin/registrations/${rejected.id}/reject`, { role: 'organizer' }))
        .status,
    ).toBe(200);
    const pending = await registered({ category: 'media' });
    const erased = await registered({ name: 'Erased Person' });
    expect(
      (await fixture.call('DELETE', `/api/admin/registrations/${erased.id}`, { role: 'organizer' })).status,
    ).toBe(200);

    const roster = await allPages('/api/admin/checkin/roster?limit=2', (page) => page.items as object[]);
    const byHash = (a: { codeHash: string }, b: { codeHash: string }) => a.codeHash.localeCompare(b.codeHash);
    const expected = await Promise.all(
      confirmed.map(async ({ code }, index) => ({
        codeHash: await checkinCodeHash(code),
        name: ['Ada Confirmed', '王 确认', 'Third Confirmed'][index],
        category: 'delegate',
      })),
    );
    expect([...(roster as typeof expected)].sort(byHash)).toEqual(expected.sort(byHash));
    expect(roster.map((entry) => Object.keys(entry).sort())).toEqual(
      Array(3).fill(['category', 'codeHash', 'name']),
    );

    const revoked = await allPages(
      '/api/admin/checkin/revoked?limit=1',
      (page) => page.codeHashes as string[],
    );
    expect(revoked.sort()).toEqual(
      (await Promise.all([cancelled, rejected, erased].map(({ code }) => checkinCodeHash(code)))).sort(),
    );
    const everywhere = [...(roster as typeof expected).map(({ codeHash }) => codeHash), ...revoked];
    expect(everywhere).not.toContain(await checkinCodeHash(pending.code));

    // The erased ticket's tombstone names nobody and expires after the edition.
    const items = await fixture.items();
    const tombstones = items.filter(({ pk }) => String(pk).startsWith('REVOKED#'));
    expect(tombstones.map((item) => Object.keys(item).sort())).toEqual([['expiresAt', 'pk', 'sk']]);
    const erasedAt = items.find(({ pk }) => pk === `REGISTRATION#${erased.id}`)?.erasedAt as string;
    expect(tombstones[0]).toEqual({
      pk: 'REVOKED#2027',
      sk: await checkinCodeHash(erased.code),
      expiresAt: Math.floor(Date.parse(erasedAt) / 1000) + revokedTicketDays * 86_400,
    });
  });

  it('the audit trail names the registrations each page showed', async () => {
    const { id } = await registered();
    const response = await fixture.call('GET', '/api/admin/checkin/roster?limit=1', asDesk);
    expect(response.status).toBe(200);
    const [entry] = (await fixture.auditTrail.list({ limit: 1 })).items;
    expect(entry).toMatchObject({ action: 'checkin.roster', registrationIds: [id], target: '2027' });
  });

  it('refuse a bad page with 400 naming the field', async () => {
    for (const route of ['roster', 'revoked']) {
      for (const [query, path] of [
        ['limit=0', 'limit'],
        ['limit=501', 'limit'],
        ['cursor=not-a-cursor', 'cursor'],
        ['cursor=eyJzb3VyY2UiOiJub3doZXJlIn0', 'cursor'],
        ['colour=red', 'colour'],
      ] as const) {
        const response = await fixture.call('GET', `/api/admin/checkin/${route}?${query}`, asDesk);
        expect(response.status, `${route}?${query}`).toBe(400);
        expect(response.json.errors.map((error: { path: string }) => error.path)).toContain(path);
      }
    }
  });

  it('answer 401 without a verified token', async () => {
    for (const route of ['roster', 'revoked']) {
      expect((await fixture.call('GET', `/api/admin/checkin/${route}`)).status).toBe(401);
    }
  });
});
