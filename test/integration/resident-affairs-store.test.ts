/**
 * The resident-affairs store on DynamoDB Local, and its in-memory twin held to the same tests:
 * the request and its first timeline entry in one transaction, idempotent creation, a state change
 * only from the state the staff member saw (two at once: one wins), merges as one transaction, the
 * queue from the sparse index, the date window from its index (never a Scan), the follow token's
 * lookup, and anonymisation for retention.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../functions/domain/audit.ts';
import { newId } from '../../functions/domain/ids.ts';
import type { ServiceRequest, TimelineEntry } from '../../functions/domain/resident-affairs/model.ts';
import { replyMessage } from '../../functions/domain/resident-affairs/reply-message.ts';
import type { AuditStore } from '../../functions/store/audit-store.ts';
import { DynamoDbAuditStore } from '../../functions/store/dynamodb/audit-store.ts';
import { DynamoDbIdempotencyStore } from '../../functions/store/dynamodb/idempotency-store.ts';
import { DynamoDbOutboxStore } from '../../functions/store/dynamodb/outbox-store.ts';
import { DynamoDbResidentAffairsStore } from '../../functions/store/dynamodb/resident-affairs-store.ts';
import type { IdempotencyStore } from '../../functions/store/idempotency-store.ts';
import { MemoryAuditStore, MemoryAuditTrail } from '../../functions/store/memory/audit-store.ts';
import { MemoryIdempotencyStore } from '../../functions/store/memory/idempotency-store.ts';
import {
  MemoryResidentAffairsData,
  MemoryResidentAffairsStore,
} from '../../functions/store/memory/resident-affairs-store.ts';
import type { ResidentAffairsStore } from '../../functions/store/resident-affairs-store.ts';
import {
  InvalidCursorError,
  ResidentAffairsConflict,
  TransactionBusyError,
} from '../../functions/store/store-errors.ts';
import { isolatedTables } from '../support/isolated-tables.ts';

interface Stores {
  store: ResidentAffairsStore;
  idempotency: IdempotencyStore;
  audit: AuditStore;
  /** The ids of the e-mails waiting in the outbox. */
  pendingMail: () => Promise<string[]>;
}

let tables: Awaited<ReturnType<typeof isolatedTables>>;
/** Every DynamoDB command the adapter sent, by name: a Scan among them fails the file. */
const commandsSent: string[] = [];

beforeAll(async () => {
  tables = await isolatedTables();
  tables.documentClient.middlewareStack.add(
    (next, context) => (args) => {
      commandsSent.push(context.commandName ?? '');
      return next(args);
    },
    { step: 'initialize', name: 'recordCommandNames' },
  );
});
afterAll(async () => {
  expect(commandsSent).toContain('QueryCommand');
  expect(commandsSent).not.toContain('ScanCommand');
  await tables?.dispose();
});

const adapters: Array<[string, () => Stores]> = [
  [
    'DynamoDB',
    () => ({
      store: new DynamoDbResidentAffairsStore(
        tables.documentClient,
        tables.tableNames.residentAffairs,
        tables.tableNames.audit,
        tables.tableNames.registrations,
      ),
      idempotency: new DynamoDbIdempotencyStore(tables.documentClient, tables.tableNames.residentAffairs),
      audit: new DynamoDbAuditStore(tables.documentClient, tables.tableNames.audit),
      pendingMail: async () =>
        (
          await new DynamoDbOutboxStore(tables.documentClient, tables.tableNames.registrations).pending(1000)
        ).map(({ id }) => id),
    }),
  ],
  [
    'memory',
    () => {
      const data = new MemoryResidentAffairsData();
      const trail = new MemoryAuditTrail();
      return {
        store: new MemoryResidentAffairsStore(data, trail),
        idempotency: new MemoryIdempotencyStore(data),
        audit: new MemoryAuditStore(trail),
        pendingMail: async () => [...data.outbox.keys()],
      };
    },
  ],
];

/** Every test's requests carry a service code of their own, so tests sharing a table never meet. */
const serviceCode = () => `test-${newId().slice(-8).toLowerCase()}`;

function serviceRequest(overrides: Partial<ServiceRequest> = {}): ServiceRequest {
  const id = newId();
  return {
    id,
    serviceCode: 'blocked-car',
    description: 'Two cars block my gate on Xishi Street.',
    location: { lat: 30.7465, lon: 120.4877, precision: 'exact' },
    contact: { phone: '+86 138 0000 0000', name: 'Wang Fang' },
    photoKeys: [`requests/${id}/1`],
    state: 'submitted',
    submittedAt: '2026-12-01T08:00:00.000Z',
    followTokenHash: `hash-${id}`,
    locale: 'zh',
    ...overrides,
  };
}

const submitted = (request: ServiceRequest): TimelineEntry => ({
  at: request.submittedAt,
  kind: 'state',
  state: 'submitted',
});

async function created(store: ResidentAffairsStore, overrides: Partial<ServiceRequest> = {}) {
  const request = serviceRequest(overrides);
  await store.create({ request, firstEntry: submitted(request) });
  return request;
}

/** A staff action's entry; the resident-affairs actions are not in the audit's list yet (issue 15, staff routes). */
function auditEntry(target: string): AuditEntry {
  return {
    id: newId(),
    at: new Date().toISOString(),
    actor: 'staff-subject-1',
    groups: ['resident-affairs'],
    action: 'review.hide',
    outcome: 'succeeded',
    registrationIds: [],
    target,
    requestId: newId(),
    clientHash: 'ab'.repeat(32),
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
  };
}

/** The message of a rejection, for comparing outcomes; undefined when it was fulfilled. */
const rejection = (outcome: PromiseSettledResult<unknown>) =>
  outcome.status === 'rejected' ? (outcome.reason as Error) : undefined;

/** All pages of a paged read, through its cursors. */
async function allPages(
  read: (cursor?: string) => Promise<{ items: ServiceRequest[]; nextCursor: string | null }>,
) {
  const items: ServiceRequest[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages += 1;
  } while (cursor);
  return { items, pages };
}

describe.each(adapters)('the resident-affairs store (%s)', (_name, makeStores) => {
  let stores: Stores;
  beforeAll(() => {
    stores = makeStores();
  });

  it('writes a request and its first timeline entry together, and never a second request with the same id', async () => {
    const request = await created(stores.store);
    expect(await stores.store.get(request.id)).toEqual({
      request,
      timeline: [submitted(request)],
      messageIds: [],
    });

    const again = { ...request, description: 'Overwritten?' };
    await expect(
      stores.store.create({
        request: again,
        firstEntry: { ...submitted(request), at: '2026-12-01T09:00:00.000Z' },
      }),
    ).rejects.toEqual(new ResidentAffairsConflict('state_changed'));
    // The failed transaction wrote neither the request nor its entry.
    expect(await stores.store.get(request.id)).toEqual({
      request,
      timeline: [submitted(request)],
      messageIds: [],
    });
    expect(await stores.store.get(newId())).toBeUndefined();
  });

  it('creates once per idempotency record: a repeat finds the first answer and creates nothing', async () => {
    const recordId = newId();
    const now = new Date('2026-12-01T08:00:00.000Z');
    expect(await stores.idempotency.begin(recordId, 'body-hash', now)).toEqual({ state: 'started' });
    const request = serviceRequest();
    const completion = { recordId, requestHash: 'body-hash', sealedResponse: 'sealed-answer' };
    await stores.store.create({ request, firstEntry: submitted(request), idempotency: completion });

    expect(await stores.idempotency.begin(recordId, 'body-hash', now)).toEqual({
      state: 'completed',
      requestHash: 'body-hash',
      sealedResponse: 'sealed-answer',
    });
    // A second creation completing the same record (a retry racing the first) writes nothing.
    const repeat = serviceRequest();
    await expect(
      stores.store.create({ request: repeat, firstEntry: submitted(repeat), idempotency: completion }),
    ).rejects.toEqual(new ResidentAffairsConflict('state_changed'));
    expect(await stores.store.get(repeat.id)).toBeUndefined();
  });

  it('lets only one of two staff acting at once change the state they both saw', async () => {
    const request = await created(stores.store);
    const acknowledge = (staff: string) =>
      stores.store.append({
        requestId: request.id,
        expectedState: 'submitted',
        entry: { at: '2026-12-01T08:10:00.000Z', kind: 'state', state: 'acknowledged', staff },
        change: { state: 'acknowledged', firstResponseAt: '2026-12-01T08:10:00.000Z' },
      });
    const outcomes = await Promise.allSettled([acknowledge('staff-a'), acknowledge('staff-b')]);
    const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    const loserIndex = outcomes.findIndex((outcome) => outcome.status === 'rejected');
    const loser = rejection(outcomes[loserIndex] as PromiseSettledResult<unknown>);
    // DynamoDB may cancel the loser for the conflict itself; tried again, it finds the state changed.
    if (loser instanceof TransactionBusyError) {
      await expect(acknowledge(loserIndex === 0 ? 'staff-a' : 'staff-b')).rejects.toEqual(
        new ResidentAffairsConflict('state_changed'),
      );
    } else {
      expect(loser).toEqual(new ResidentAffairsConflict('state_changed'));
    }
    const stored = await stores.store.get(request.id);
    expect(stored?.request).toMatchObject({
      state: 'acknowledged',
      firstResponseAt: '2026-12-01T08:10:00.000Z',
    });
    expect(stored?.timeline.map((entry) => entry.staff)).toEqual([
      undefined,
      loserIndex === 0 ? 'staff-b' : 'staff-a',
    ]);
  });

  it('adds notes and assignments while the request is as seen, with their audit entry or not at all', async () => {
    const request = await created(stores.store);
    const noted = auditEntry(request.id);
    await stores.store.append({
      requestId: request.id,
      expectedState: 'submitted',
      entry: { at: '2026-12-01T08:05:00.000Z', kind: 'assignment', department: 'transport', staff: 's1' },
      change: { department: 'transport' },
      audit: noted,
    });
    await stores.store.append({
      requestId: request.id,
      expectedState: 'submitted',
      entry: { at: '2026-12-01T08:06:00.000Z', kind: 'internal-note', text: 'Plates noted.', staff: 's1' },
    });
    const refused = auditEntry(request.id);
    await expect(
      stores.store.append({
        requestId: request.id,
        expectedState: 'acknowledged',
        entry: { at: '2026-12-01T08:07:00.000Z', kind: 'public-note', text: 'On our way.', staff: 's2' },
        audit: refused,
      }),
    ).rejects.toEqual(new ResidentAffairsConflict('state_changed'));
    await expect(
      stores.store.append({
        requestId: newId(),
        expectedState: 'submitted',
        entry: { at: '2026-12-01T08:07:00.000Z', kind: 'public-note', text: 'Nobody.' },
      }),
    ).rejects.toEqual(new ResidentAffairsConflict('state_changed'));

    const stored = await stores.store.get(request.id);
    expect(stored?.request).toEqual({ ...request, department: 'transport' });
    expect(stored?.timeline.map((entry) => entry.kind)).toEqual(['state', 'assignment', 'internal-note']);
    const trail = (await stores.audit.list({ limit: 100 })).items.map((entry) => entry.id);
    expect(trail).toContain(noted.id);
    expect(trail).not.toContain(refused.id);
  });

  it('merges a duplicate in one transaction, and refuses a merge whose requests moved or are gone', async () => {
    const code = serviceCode();
    const original = await created(stores.store, {
      serviceCode: code,
      submittedAt: '2026-12-01T07:00:00.000Z',
    });
    const duplicate = await created(stores.store, { serviceCode: code });
    const entries = (at: string) => ({
      duplicateEntry: { at, kind: 'merge' as const, text: `Merged into ${original.id}`, staff: 's1' },
      intoEntry: { at, kind: 'merge' as const, text: `Merged from ${duplicate.id}`, staff: 's1' },
    });
    const gone = newId();
    await expect(
      stores.store.merge({
        duplicateId: duplicate.id,
        intoId: gone,
        expectedState: 'submitted',
        at: '2026-12-01T08:20:00.000Z',
        ...entries('2026-12-01T08:20:00.000Z'),
      }),
    ).rejects.toEqual(new ResidentAffairsConflict('not_found'));
    expect((await stores.store.get(duplicate.id))?.request).toEqual(duplicate);

    await stores.store.merge({
      duplicateId: duplicate.id,
      intoId: original.id,
      expectedState: 'submitted',
      at: '2026-12-01T08:30:00.000Z',
      ...entries('2026-12-01T08:30:00.000Z'),
    });
    const merged = await stores.store.get(duplicate.id);
    expect(merged?.request).toEqual({ ...duplicate, state: 'closed', mergedInto: original.id });
    expect(merged?.timeline.at(-1)).toEqual(entries('2026-12-01T08:30:00.000Z').duplicateEntry);
    expect((await stores.store.get(original.id))?.timeline.at(-1)).toEqual(
      entries('2026-12-01T08:30:00.000Z').intoEntry,
    );
    const queued = (await allPages((cursor) => stores.store.queuePage(100, cursor))).items.map(
      ({ id }) => id,
    );
    expect(queued).toContain(original.id);
    expect(queued).not.toContain(duplicate.id);

    // Once merged it moves no more, and nothing merges into it.
    await expect(
      stores.store.merge({
        duplicateId: duplicate.id,
        intoId: original.id,
        expectedState: 'closed',
        at: '2026-12-01T08:40:00.000Z',
        ...entries('2026-12-01T08:40:00.000Z'),
      }),
    ).rejects.toEqual(new ResidentAffairsConflict('state_changed'));
    const third = await created(stores.store, { serviceCode: code });
    await expect(
      stores.store.merge({
        duplicateId: third.id,
        intoId: duplicate.id,
        expectedState: 'submitted',
        at: '2026-12-01T08:40:00.000Z',
        ...entries('2026-12-01T08:40:00.000Z'),
      }),
    ).rejects.toEqual(new ResidentAffairsConflict('not_found'));
    expect((await stores.store.get(third.id))?.timeline).toHaveLength(1);
  });

  it('pages the queue longest-waiting first, closed requests absent, a reopened one back in its place', async () => {
    // A queue of its own: the earliest submissions of the file, so no other test's request comes between.
    const minutes = [7, 3, 9, 1, 5, 8, 2];
    const requests = [];
    for (const minute of minutes) {
      requests.push(await created(stores.store, { submittedAt: `2026-01-01T00:0${minute}:00.000Z` }));
    }
    const [resolved, closed] = [requests[0], requests[3]] as [ServiceRequest, ServiceRequest];
    for (const [request, state] of [
      [resolved, 'resolved'],
      [closed, 'closed'],
    ] as const) {
      await stores.store.append({
        requestId: request.id,
        expectedState: 'submitted',
        entry: { at: '2026-01-01T01:00:00.000Z', kind: 'state', state },
        change: { state },
      });
    }
    const ours = new Set(requests.map(({ id }) => id));
    const queue = async () => {
      const { items, pages } = await allPages((cursor) => stores.store.queuePage(2, cursor));
      return {
        ids: items.filter(({ id }) => ours.has(id)).map(({ submittedAt }) => submittedAt.slice(14, 16)),
        pages,
      };
    };
    const first = await queue();
    expect(first.ids).toEqual(['02', '03', '05', '08', '09']);
    expect(first.pages).toBeGreaterThan(2);

    await stores.store.append({
      requestId: resolved.id,
      expectedState: 'resolved',
      entry: { at: '2026-01-01T02:00:00.000Z', kind: 'state', state: 'in-progress' },
      change: { state: 'in-progress' },
    });
    expect((await queue()).ids).toEqual(['02', '03', '05', '07', '08', '09']);

    await expect(stores.store.queuePage(2, 'not-a-cursor')).rejects.toBeInstanceOf(InvalidCursorError);
    const listCursor = (
      await stores.store.list({ from: '2026-01-01T00:00:00.000Z', to: '2026-12-31T00:00:00.000Z', limit: 1 })
    ).nextCursor;
    await expect(stores.store.queuePage(2, listCursor ?? '')).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('lists a date window newest first through its index, filtered by service and status, and by id', async () => {
    const code = serviceCode();
    const days = [1, 20, 45, 89, 91, 120];
    const requests = [];
    for (const day of days) {
      const submittedAt = new Date(Date.parse('2026-09-01T00:00:00.000Z') - day * 86_400_000).toISOString();
      requests.push(await created(stores.store, { serviceCode: code, submittedAt }));
    }
    await stores.store.append({
      requestId: (requests[1] as ServiceRequest).id,
      expectedState: 'submitted',
      entry: { at: '2026-08-20T00:00:00.000Z', kind: 'state', state: 'resolved' },
      change: { state: 'resolved', resolvedAt: '2026-08-20T00:00:00.000Z' },
    });
    const window = { from: '2026-06-03T00:00:00.000Z', to: '2026-09-01T00:00:00.000Z', serviceCode: code };
    const { items, pages } = await allPages((cursor) => stores.store.list({ ...window, limit: 2, cursor }));
    expect(items.map(({ id }) => id)).toEqual(requests.slice(0, 4).map(({ id }) => id));
    expect(pages).toBe(2);

    const open = await stores.store.list({ ...window, status: 'open', limit: 10 });
    expect(open.items.map(({ id }) => id)).toEqual([requests[0], requests[2], requests[3]].map((r) => r?.id));
    const closed = await stores.store.list({ ...window, status: 'closed', limit: 10 });
    expect(closed.items.map(({ id }) => id)).toEqual([requests[1]?.id]);
    expect((await stores.store.list({ ...window, serviceCode: 'none-such', limit: 10 })).items).toEqual([]);

    // A cursor is good only inside the window that gave it out.
    const firstPage = await stores.store.list({ ...window, limit: 1 });
    await expect(
      stores.store.list({
        ...window,
        to: '2026-08-01T00:00:00.000Z',
        limit: 1,
        cursor: firstPage.nextCursor ?? '',
      }),
    ).rejects.toBeInstanceOf(InvalidCursorError);

    const asked = [requests[4]?.id, newId(), requests[0]?.id, requests[4]?.id] as string[];
    expect((await stores.store.getMany(asked)).map(({ id }) => id)).toEqual([
      requests[4]?.id,
      requests[0]?.id,
    ]);
  });

  it('finds a request by its follow token hash, and nothing by any other', async () => {
    const mine = await created(stores.store);
    const theirs = await created(stores.store);
    await stores.store.append({
      requestId: mine.id,
      expectedState: 'submitted',
      entry: { at: '2026-12-01T08:15:00.000Z', kind: 'public-note', text: 'Seen, coming.' },
    });
    const found = await stores.store.getByFollowToken(mine.followTokenHash);
    expect(found?.request).toEqual(mine);
    expect(found?.timeline.map((entry) => entry.text)).toEqual([undefined, 'Seen, coming.']);
    expect((await stores.store.getByFollowToken(theirs.followTokenHash))?.request.id).toBe(theirs.id);
    expect(await stores.store.getByFollowToken(`hash-${newId()}`)).toBeUndefined();
  });

  it("anonymises closed requests past retention, oldest first, once, with their notes' text and e-mails", async () => {
    const mailId = newId();
    const old = await created(stores.store, {
      submittedAt: '2025-01-01T00:00:00.000Z',
      contact: { email: 'wang.fang@example.cn', name: 'Wang Fang' },
    });
    const recent = await created(stores.store, { submittedAt: '2025-01-01T00:00:01.000Z' });
    const stillOpen = await created(stores.store, { submittedAt: '2025-01-01T00:00:02.000Z' });
    await stores.store.append({
      requestId: old.id,
      expectedState: 'submitted',
      entry: { at: '2025-01-02T00:00:00.000Z', kind: 'public-note', text: 'We called Wang Fang.' },
      message: replyMessage(old, {
        id: mailId,
        note: 'We called Wang Fang.',
        state: 'submitted',
        at: '2025-01-02T00:00:00.000Z',
      }),
    });
    expect(await stores.pendingMail()).toContain(mailId);
    expect((await stores.store.get(old.id))?.messageIds).toEqual([mailId]);
    for (const [request, at] of [
      [old, '2025-01-03T00:00:00.000Z'],
      [recent, '2025-06-01T00:00:00.000Z'],
    ] as const) {
      await stores.store.append({
        requestId: request.id,
        expectedState: 'submitted',
        entry: { at, kind: 'state', state: 'resolved' },
        change: { state: 'resolved', resolvedAt: at },
      });
    }
    const due = await stores.store.closedBefore('2025-03-01T00:00:00.000Z', 100);
    expect(due.map(({ id }) => id)).toContain(old.id);
    expect(due.map(({ id }) => id)).not.toContain(recent.id);
    expect(due.map(({ id }) => id)).not.toContain(stillOpen.id);

    const { contact: _contact, addressString: _address, ...rest } = { ...old, state: 'resolved' as const };
    expect(JSON.stringify(await stores.store.get(old.id))).toContain('wang.fang@example.cn');
    const kept: ServiceRequest = {
      ...rest,
      description: '',
      photoKeys: [],
      resolvedAt: '2025-01-03T00:00:00.000Z',
    };
    expect(
      await stores.store.anonymise({ kept, expectedState: 'resolved', at: '2025-04-04T00:00:00.000Z' }),
    ).toEqual([mailId]);
    expect(await stores.pendingMail()).not.toContain(mailId);
    const anonymised = await stores.store.get(old.id);
    expect(anonymised?.request).toEqual(kept);
    expect(anonymised?.anonymisedAt).toBe('2025-04-04T00:00:00.000Z');
    expect(anonymised?.timeline.map((entry) => entry.kind)).toEqual(['state', 'public-note', 'state']);
    expect(JSON.stringify(anonymised)).not.toContain('Wang Fang');
    expect(
      (await stores.store.closedBefore('2025-03-01T00:00:00.000Z', 100)).map(({ id }) => id),
    ).not.toContain(old.id);

    await expect(
      stores.store.anonymise({ kept, expectedState: 'resolved', at: '2025-04-05T00:00:00.000Z' }),
    ).rejects.toEqual(new ResidentAffairsConflict('state_changed'));
    await expect(
      stores.store.append({
        requestId: old.id,
        expectedState: 'resolved',
        entry: { at: '2025-04-06T00:00:00.000Z', kind: 'state', state: 'in-progress' },
        change: { state: 'in-progress' },
      }),
    ).rejects.toEqual(new ResidentAffairsConflict('state_changed'));
    // Still found by its link, which then shows what is left.
    expect((await stores.store.getByFollowToken(old.followTokenHash))?.anonymisedAt).toBe(
      '2025-04-04T00:00:00.000Z',
    );
  });
});
