import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registrationInput } from '../../functions/domain/registration-input.ts';
import { type RegistrationCreated, register } from '../../functions/domain/registrations.ts';
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
    category('jury', 30, { needsApproval: true }),
  ]);
});
afterAll(() => fixture.dispose());

const asOrganizer = { role: 'organizer' as const };

/** A registration made through the API, with its manage credentials. */
const registered = async (overrides: Record<string, unknown> = {}) => {
  const response = await fixture.call('POST', '/api/registrations', { body: attendee(overrides) });
  expect(response.status).toBe(201);
  return { ...response.json, ...manageCredentials(response.json.manageUrl) } as {
    id: string;
    status: string;
    authorization: Record<string, string>;
  };
};

/** A registration made by the domain directly: many of them, without solving a challenge each. */
async function registeredDirectly(overrides: Record<string, unknown>): Promise<RegistrationCreated> {
  const outcome = await register(fixture.context, registrationInput.parse(attendee(overrides)));
  if (outcome.kind !== 'created') throw new Error(`registering: ${outcome.kind}`);
  return outcome.response;
}

const edit = (id: string, body: unknown) =>
  fixture.call('PATCH', `/api/admin/registrations/${id}`, { body, ...asOrganizer });

const decide = (body: unknown) =>
  fixture.call('POST', '/api/admin/registrations/decisions', { body, ...asOrganizer });

const entriesOf = async (id: string) =>
  (await fixture.auditTrail.list({ registration: id, limit: 50 })).items.reverse();

describe('PATCH /api/admin/registrations/{id}', () => {
  it('corrects each field, answers the row, keeps the search copy and the e-mail claim with it', async () => {
    const [oldEmail, newEmail] = [uniqueEmail('old'), uniqueEmail('new')];
    const person = await registered({ name: 'Wang Fnag', organization: 'Old Co', email: oldEmail });

    const named = await edit(person.id, { name: 'Wang Fang', reason: 'Typo in the given name' });
    expect(named).toMatchObject({ status: 200, json: { id: person.id, name: 'Wang Fang' } });
    expect(named.headers['cache-control']).toBe('no-store');
    const moved = await edit(person.id, {
      organization: 'Zhejiang Lab',
      country: 'de',
      email: ` ${newEmail.toUpperCase()} `,
      reason: 'Registrant wrote in',
    });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({
      name: 'Wang Fang',
      organization: 'Zhejiang Lab',
      country: 'DE',
      email: newEmail.toUpperCase(),
    });
    const cleared = await edit(person.id, { organization: '', reason: 'No organisation' });
    expect(cleared.json.organization).toBeUndefined();

    const stored = await fixture.inspect.get(person.id);
    expect(stored?.registration).toMatchObject({
      name: 'Wang Fang',
      country: 'DE',
      email: newEmail.toUpperCase(),
    });
    expect(stored?.registration.organization).toBeUndefined();
    // The list's text search reads the lower-case copy: it finds the new values, not the old ones.
    const search = async (q: string) =>
      (
        await fixture.call('GET', `/api/admin/registrations?q=${encodeURIComponent(q)}`, asOrganizer)
      ).json.items.map(({ id }: { id: string }) => id);
    expect(await search('wang fang')).toEqual([person.id]);
    expect(await search(newEmail)).toEqual([person.id]);
    expect(await search('fnag')).toEqual([]);
    expect(await search('zhejiang')).toEqual([]);
    // The address moved: the old one is free for someone else, the new one is taken.
    expect((await registered({ email: oldEmail })).status).toBe('confirmed');
    const taken = await fixture.call('POST', '/api/registrations', { body: attendee({ email: newEmail }) });
    expect(taken.status).toBe(409);
    // The holder's own view shows the correction.
    const own = await fixture.call('GET', `/api/registrations/${person.id}`, {
      headers: person.authorization,
    });
    expect(own.json).toMatchObject({ name: 'Wang Fang', country: 'DE' });

    const entries = (await entriesOf(person.id)).filter(({ action }) => action === 'registration.edit');
    expect(entries.map(({ outcome, filter }) => [outcome, filter])).toEqual([
      ['succeeded', { fields: 'name', reason: 'Typo in the given name' }],
      ['succeeded', { fields: 'organization,country,email', reason: 'Registrant wrote in' }],
      ['succeeded', { fields: 'organization', reason: 'No organisation' }],
    ]);
    // The entry names the fields, never their values.
    expect(JSON.stringify(entries)).not.toMatch(/Fnag|Old Co|Zhejiang|example\.org/i);
  });

  it('refuses an address another registration holds with 409 naming email, and changes nothing', async () => {
    const holderEmail = uniqueEmail('holder');
    await registered({ email: holderEmail });
    const person = await registered();
    const before = await fixture.items();
    const answer = await edit(person.id, {
      email: holderEmail.toUpperCase(),
      name: 'Other',
      reason: 'Merge',
    });
    expect(answer.status).toBe(409);
    expect(answer.json).toMatchObject({
      type: 'tag:wuzhen-portal,2026:problems/conflict',
      errors: [{ path: 'email', message: expect.any(String) }],
    });
    expect(await fixture.items()).toEqual(before);
    const [entry] = (await entriesOf(person.id)).filter(({ action }) => action === 'registration.edit');
    expect(entry).toMatchObject({ outcome: 'refused', filter: { fields: 'name,email', reason: 'Merge' } });
  });

  it('answers 400 naming each field at fault, before anything is read or changed', async () => {
    const person = await registered();
    const before = await fixture.items();
    for (const [body, paths] of [
      [{ name: 'New' }, ['reason']],
      [{ reason: 'Only a reason' }, ['name']],
      [{ name: 'New', reason: 'ab' }, ['reason']],
      [{ name: 'New', reason: 'x'.repeat(501) }, ['reason']],
      [{ name: '   ', reason: 'Blank name' }, ['name']],
      [{ email: 'not-an-address', country: 'XX', reason: 'Bad values' }, ['country', 'email']],
      [{ name: 'Line\nbreak', reason: 'Control character' }, ['name']],
      [{ name: 'New', status: 'confirmed', reason: 'Unknown field' }, ['status']],
    ] as Array<[Record<string, unknown>, string[]]>) {
      const answer = await edit(person.id, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      const named = answer.json.errors.map(({ path }: { path: string }) => path).sort();
      expect(named, JSON.stringify(body)).toEqual(paths);
    }
    expect((await edit('not-a-ulid', { name: 'New', reason: 'Bad id' })).json.errors[0].path).toBe('id');
    expect(await fixture.items()).toEqual(before);
  });

  it('answers 404 for an unknown id, 410 for an erased registration and 409 for a rejected one', async () => {
    const body = { name: 'Nobody', reason: 'Testing' };
    expect((await edit('01J0000000000000000000000A', body)).status).toBe(404);
    const erased = await registered();
    expect((await fixture.call('DELETE', `/api/admin/registrations/${erased.id}`, asOrganizer)).status).toBe(
      200,
    );
    expect((await edit(erased.id, body)).json).toMatchObject({
      status: 410,
      type: 'tag:wuzhen-portal,2026:problems/erased',
    });
    const rejected = await registered({ category: 'media' });
    expect((await decide({ decision: 'reject', ids: [rejected.id] })).status).toBe(200);
    expect((await edit(rejected.id, body)).json).toMatchObject({ status: 409 });
    expect((await fixture.inspect.get(rejected.id))?.registration.name).toBe('Lin Test');
    for (const id of ['01J0000000000000000000000A', erased.id, rejected.id]) {
      const [entry] = (await entriesOf(id)).filter(({ action }) => action === 'registration.edit');
      expect(entry?.outcome, id).toBe('refused');
    }
  });
});

describe('POST /api/admin/registrations/decisions', () => {
  it('decides each in the order given and says what became of each: approved, waitlisted, rejected, refused', async () => {
    // media has one seat; fill it, so an approval finds none.
    const [seated, full, waiting, rejected] = [
      await registered({ category: 'media' }),
      await registered({ category: 'media' }),
      await registered({ category: 'media' }),
      await registered({ category: 'media' }),
    ];
    const confirmed = await registered();
    const unknown = '01J0000000000000000000000B';
    const approved = await decide({
      decision: 'approve',
      ids: [seated.id, full.id, confirmed.id, unknown, seated.id],
    });
    expect(approved).toMatchObject({
      status: 200,
      json: {
        results: [
          { id: seated.id, result: 'approved' },
          { id: full.id, result: 'refused', reason: 'no_seat' },
          { id: confirmed.id, result: 'refused', reason: 'not_pending' },
          { id: unknown, result: 'refused', reason: 'not_found' },
          // Named twice: decided once.
          { id: seated.id, result: 'refused', reason: 'not_pending' },
        ],
        counts: { approved: 1, waitlisted: 0, rejected: 0, refused: 4 },
      },
    });
    expect((await fixture.inspect.get(full.id))?.registration.status).toBe('pending_approval');
    const queued = await decide({ decision: 'approve', ids: [full.id], whenFull: 'waitlist' });
    expect(queued.json.results).toEqual([{ id: full.id, result: 'waitlisted' }]);
    const refusedReject = await decide({ decision: 'reject', ids: [rejected.id, seated.id] });
    expect(refusedReject.json).toEqual({
      results: [
        { id: rejected.id, result: 'rejected' },
        { id: seated.id, result: 'refused', reason: 'not_pending' },
      ],
      counts: { approved: 0, waitlisted: 0, rejected: 1, refused: 1 },
    });
    expect(await fixture.inspect.getCategory('2027', 'media')).toMatchObject({
      capacity: 1,
      confirmed: 1,
      waitlisted: 1,
      pending: 1,
    });
    expect((await fixture.inspect.get(waiting.id))?.registration.status).toBe('pending_approval');
    // One entry per registration, as the single decisions write them.
    const actions = async (id: string) =>
      (await entriesOf(id)).map(({ action, outcome }) => `${action} ${outcome}`);
    expect(await actions(seated.id)).toEqual([
      'registration.approve succeeded',
      'registration.approve refused',
      'registration.reject refused',
    ]);
    expect(await actions(full.id)).toEqual([
      'registration.approve refused',
      'registration.approve succeeded',
    ]);
    expect(await actions(rejected.id)).toEqual(['registration.reject succeeded']);
    expect(await actions(unknown)).toEqual(['registration.approve refused']);
    expect((await fixture.outbox(seated.id)).map(({ kind }) => kind)).toEqual([
      'pending_approval',
      'approved',
    ]);
    expect((await fixture.outbox(full.id)).map(({ kind }) => kind)).toEqual([
      'pending_approval',
      'waitlisted',
    ]);
  });

  it('answers 400 naming the field for no ids, too many and unknown decisions', async () => {
    const id = '01J0000000000000000000000C';
    const many = Array.from(
      { length: 201 },
      (_, index) => `01J00000000000000000000${String(index).padStart(3, '0')}`,
    );
    for (const [body, path] of [
      [{ decision: 'approve', ids: [] }, 'ids'],
      [{ decision: 'approve', ids: many }, 'ids'],
      [{ decision: 'approve', ids: ['not-a-ulid'] }, 'ids.0'],
      [{ decision: 'erase', ids: [id] }, 'decision'],
      [{ decision: 'approve', ids: [id], whenFull: 'overbook' }, 'whenFull'],
    ] as Array<[unknown, string]>) {
      const answer = await decide(body);
      expect(answer.status, path).toBe(400);
      expect(
        answer.json.errors.map((error: { path: string }) => error.path),
        path,
      ).toContain(path);
    }
    expect(await entriesOf(id)).toEqual([]);
  });

  it('50 pending, 30 seats, 5 overlapping requests at once: exactly 30 approved, 20 refused no_seat, counters exact', async () => {
    const pending: string[] = [];
    for (let index = 0; index < 50; index += 1) {
      pending.push((await registeredDirectly({ category: 'jury' })).id);
    }
    expect(await fixture.inspect.getCategory('2027', 'jury')).toMatchObject({ capacity: 30, pending: 50 });
    // Request k names 20 ids from the 10k-th on (wrapping): every registration is in two requests.
    const batches = Array.from({ length: 5 }, (_, k) =>
      Array.from({ length: 20 }, (_, j) => pending[(k * 10 + j) % 50] as string),
    );
    const answers = await Promise.all(batches.map((ids) => decide({ decision: 'approve', ids })));
    expect(answers.map(({ status }) => status)).toEqual([200, 200, 200, 200, 200]);

    const byId = new Map<string, string[]>(pending.map((id) => [id, []]));
    for (const { json } of answers) {
      for (const { id, result, reason } of json.results) byId.get(id)?.push(reason ?? result);
    }
    const approvedIds = pending.filter((id) => byId.get(id)?.includes('approved'));
    expect(approvedIds).toHaveLength(30);
    for (const id of pending) {
      const results = (byId.get(id) ?? []).sort();
      // Approved once (the other request found it decided), or refused for want of a seat.
      if (approvedIds.includes(id)) expect(results, id).toEqual(['approved', 'not_pending']);
      else
        expect(
          results.every((result) => result === 'no_seat'),
          `${id}: ${results}`,
        ).toBe(true);
    }
    const total = answers.reduce(
      (sum, { json }) => ({
        approved: sum.approved + json.counts.approved,
        refused: sum.refused + json.counts.refused,
      }),
      { approved: 0, refused: 0 },
    );
    expect(total).toEqual({ approved: 30, refused: 70 });

    expect(await fixture.inspect.getCategory('2027', 'jury')).toMatchObject({
      capacity: 30,
      confirmed: 30,
      waitlisted: 0,
      pending: 20,
    });
    const statuses = await Promise.all(
      pending.map(async (id) => (await fixture.inspect.get(id))?.registration.status),
    );
    expect(statuses.filter((status) => status === 'confirmed')).toHaveLength(30);
    expect(statuses.filter((status) => status === 'pending_approval')).toHaveLength(20);
    for (const id of pending) {
      const kinds = (await fixture.outbox(id)).map(({ kind }) => kind);
      expect(kinds, id).toEqual(
        approvedIds.includes(id) ? ['pending_approval', 'approved'] : ['pending_approval'],
      );
      const succeeded = (await entriesOf(id)).filter(({ outcome }) => outcome === 'succeeded');
      expect(succeeded, id).toHaveLength(approvedIds.includes(id) ? 1 : 0);
    }
  });
});
