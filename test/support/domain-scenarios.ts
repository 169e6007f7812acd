/**
 * The domain's decisions, as scenarios that run against any set of store adapters: the unit tests
 * run them on the in-memory stores, the integration tests on DynamoDB Local, and
 * `bench/domain-stores.ts` times both. Plain node:assert, so a bench can run them outside vitest.
 * Each scenario works in an edition of its own, so all of them can share one set of tables.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Category } from '../../content/schemas/edition.ts';
import { type Venue, venueSchema } from '../../content/schemas/venue.ts';
import type { AuditAction, AuditEntry, StaffAudit } from '../../functions/domain/audit.ts';
import { generateCheckinCode } from '../../functions/domain/checkin-code-generator.ts';
import { eraseRegistration } from '../../functions/domain/erasure.ts';
import type { IdempotencyRequest } from '../../functions/domain/idempotency.ts';
import { newId } from '../../functions/domain/ids.ts';
import { isOpenAt } from '../../functions/domain/opening-hours.ts';
import {
  approve,
  checkIn,
  listRegistrations,
  reject,
  setCapacity,
  statistics,
} from '../../functions/domain/organizer.ts';
import type { RegistrationContext } from '../../functions/domain/registration-context.ts';
import type { RegistrationInput } from '../../functions/domain/registration-input.ts';
import { lifecycle, type RegisterChange } from '../../functions/domain/registration-lifecycle.ts';
import { messageFor, statusChange } from '../../functions/domain/registration-messages.ts';
import type { OutboxKind, OutboxMessage, Registration } from '../../functions/domain/registration-model.ts';
import {
  cancelRegistration,
  type RegistrationCreated,
  register,
} from '../../functions/domain/registrations.ts';
import { resendIntervalSeconds, resendLastMessage } from '../../functions/domain/resend.ts';
import { postReview, reviewRateLimit } from '../../functions/domain/reviews.ts';
import { searchVenues, type VenueSearch } from '../../functions/domain/venue-search.ts';
import { requestAudit } from '../../functions/http/staff-audit.ts';
import type { AuditStore } from '../../functions/store/audit-store.ts';
import type { IdempotencyStore } from '../../functions/store/idempotency-store.ts';
import type { OutboxStore } from '../../functions/store/outbox-store.ts';
import type { RateLimiter } from '../../functions/store/rate-limiter.ts';
import type { NewRegistration, RegistrationStore } from '../../functions/store/registration-store.ts';
import { InvalidCursorError, RegistrationConflict } from '../../functions/store/store-errors.ts';
import type { VenueStore } from '../../functions/store/venue-store.ts';
import { consentsTo, testNoticeVersion } from './registration-consents.ts';

export interface ScenarioStores {
  registrations: RegistrationStore;
  idempotency: IdempotencyStore;
  outbox: OutboxStore;
  venues: VenueStore;
  rateLimiter: RateLimiter;
  audit: AuditStore;
}

/** A staff request as the JWT authorizer passes it on: who, from where. */
const staffEvent = {
  headers: {},
  requestContext: {
    requestId: 'scenario-request',
    http: { sourceIp: '192.0.2.10' },
    authorizer: { jwt: { claims: { sub: 'scenario-organizer', 'cognito:groups': ['organizer'] } } },
  },
} as unknown as APIGatewayProxyEventV2;

/** The audit the route handler would give a staff request, over the stores' trail. */
const staffAudit = (stores: ScenarioStores, action: AuditAction): Promise<StaffAudit> =>
  requestAudit(staffEvent, action, {
    store: stores.audit,
    addressKey: async () => 'scenario-address-key',
    now: () => new Date(),
    retentionDays: 730,
  });

/** The trail's entries about one registration, oldest first. */
async function auditOf(stores: ScenarioStores, registration: string): Promise<AuditEntry[]> {
  const { items } = await stores.audit.list({ registration, limit: 100 });
  return items.reverse();
}

export interface Scenario {
  name: string;
  run(stores: ScenarioStores): Promise<void>;
}

/** A clock that moves 10 ms on each reading, from the start of a 10-minute window. */
function tickingClock() {
  let time = Date.parse('2027-05-01T00:00:00Z');
  return () => {
    time += 10;
    return new Date(time);
  };
}

const category = (id: string, capacity: number, extra: Partial<Category> = {}): Category => ({
  id,
  name: { en: `Category ${id}`, zh: `类别 ${id}` },
  capacity,
  needsApproval: false,
  ...extra,
});

async function editionWith(stores: ScenarioStores, categories: Category[]): Promise<RegistrationContext> {
  const edition = {
    id: `scenario-${randomUUID().slice(0, 8)}`,
    name: { en: 'Scenario', zh: '场景' },
    noticeVersion: testNoticeVersion,
  };
  await stores.registrations.upsertEdition(edition, categories);
  return {
    store: stores.registrations,
    idempotency: stores.idempotency,
    edition,
    siteOrigin: 'https://portal.test',
    now: tickingClock(),
  };
}

const attendee = (categoryId: string, overrides: Partial<RegistrationInput> = {}): RegistrationInput => ({
  category: categoryId,
  name: 'Lin Test',
  email: `lin.${randomUUID().slice(0, 12)}@example.org`,
  country: 'CN',
  language: 'en',
  needsVisaLetter: false,
  ...consentsTo(testNoticeVersion),
  ...overrides,
});

async function registered(context: RegistrationContext, input: RegistrationInput, key?: IdempotencyRequest) {
  const outcome = await register(context, input, key);
  assert.equal(outcome.kind, 'created', `registering ${input.email}: ${outcome.kind}`);
  return (outcome as { response: RegistrationCreated }).response;
}

const tokenOf = (created: RegistrationCreated) => created.manageToken;

const ids = (items: ReadonlyArray<{ id: string }>) => items.map(({ id }) => id);

async function statusOf(context: RegistrationContext, id: string) {
  return (await context.store.get(id))?.registration.status;
}

async function counters(context: RegistrationContext, categoryId: string) {
  const found = await context.store.getCategory(context.edition.id, categoryId);
  assert.ok(found, `category ${categoryId}`);
  const { capacity, confirmed, waitlisted, pending, checkedIn } = found;
  return { capacity, confirmed, waitlisted, pending, checkedIn };
}

/** The category's capacity and counters; pending and checked-in are 0 unless given. */
async function assertCounters(
  context: RegistrationContext,
  categoryId: string,
  expected: { capacity: number; confirmed: number; waitlisted: number; pending?: number; checkedIn?: number },
) {
  assert.deepEqual(await counters(context, categoryId), { pending: 0, checkedIn: 0, ...expected });
}

/** The kinds of the messages written for each registration, oldest first. */
async function messages(stores: ScenarioStores, ids: string[]): Promise<Record<string, OutboxKind[]>> {
  const pending = await stores.outbox.pending(1_000);
  return Object.fromEntries(
    ids.map((id) => [
      id,
      pending
        .filter(
          (message): message is OutboxMessage => 'registrationId' in message && message.registrationId === id,
        )
        .map((message) => message.kind),
    ]),
  );
}

const wuzhen = { lat: 30.7461, lon: 120.4956 };

const sampleVenue = (id: string, overrides: Partial<Venue> = {}): Venue =>
  venueSchema.parse({
    id,
    name: { en: `Teahouse ${id}`, zh: `茶馆 ${id}` },
    category: 'cafe',
    intro: { en: 'A scenario venue.', zh: '场景地点。' },
    address: { en: 'Wuzhen', zh: '乌镇' },
    location: { ...wuzhen, precision: 'exact' },
    lastVerified: '2026-11-25',
    source: 'scenario',
    ...overrides,
  });

/** A word no other venue has, so a search in shared tables finds only this scenario's venues. */
const uniqueWord = () =>
  Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

export const domainScenarios: Scenario[] = [
  {
    name: 'erases a registration: its seat to the waiting list, its data gone, its e-mail free again',
    async run(stores) {
      const context = await editionWith(stores, [category('small', 1)]);
      const email = 'Erin.Erasable@Example.org';
      const first = await registered(context, attendee('small', { email, name: 'Erin Erasable' }), {
        key: 'erin',
        client: '198.51.100.7',
        body: '{"erin":true}',
      });
      const second = await registered(context, attendee('small'));
      const record = await context.store.record(first.id);
      assert.equal(record?.registration.name, 'Erin Erasable');
      assert.deepEqual(
        record?.messages.map(({ message }) => message.kind),
        ['confirmed'],
      );

      const erased = await eraseRegistration(context, first.id, { freeSeat: true });
      assert.equal(erased.kind, 'erased');
      assert.equal(erased.kind === 'erased' && erased.promoted, 1);
      assert.equal(erased.kind === 'erased' && erased.status, 'cancelled');
      const stored = (await context.store.get(first.id))?.registration;
      assert.deepEqual(
        [stored?.name, stored?.email, stored?.code, stored?.status],
        ['', '', '', 'cancelled'],
      );
      assert.equal(await statusOf(context, second.id), 'confirmed');
      await assertCounters(context, 'small', { capacity: 1, confirmed: 1, waitlisted: 0 });
      assert.deepEqual((await context.store.record(first.id))?.messages, []);
      assert.deepEqual(ids((await listRegistrations(context, { limit: 10 })).items), [second.id]);
      assert.equal((await eraseRegistration(context, first.id, { freeSeat: true })).kind, 'already_erased');
      assert.equal((await register(context, attendee('small', { email }))).kind, 'created');

      // The retention rule keeps the status (and so every counter) of what it anonymises.
      const kept = await eraseRegistration(context, second.id, { freeSeat: false });
      assert.equal(kept.kind === 'erased' && kept.status, 'confirmed');
      await assertCounters(context, 'small', { capacity: 1, confirmed: 1, waitlisted: 1 });
      assert.deepEqual(ids(await context.store.unerased(context.edition.id, 10)).length, 1);
    },
  },
  {
    name: 'registers into a free seat, then onto the waiting list, one live registration per e-mail',
    async run(stores) {
      const context = await editionWith(stores, [category('small', 1)]);
      const first = await registered(context, attendee('small', { email: 'Wang.Fang@Example.org' }));
      const second = await registered(context, attendee('small'));
      assert.equal(first.status, 'confirmed');
      assert.equal(second.status, 'waitlisted');
      const again = await register(context, attendee('small', { email: '  wang.fang@example.ORG ' }));
      assert.equal(again.kind, 'email_taken');
      await assertCounters(context, 'small', { capacity: 1, confirmed: 1, waitlisted: 1 });
      assert.deepEqual(await messages(stores, [first.id, second.id]), {
        [first.id]: ['confirmed', 'already_registered'],
        [second.id]: ['waitlisted'],
      });
      assert.equal((await register(context, attendee('nowhere'))).kind, 'unknown_category');
    },
  },
  {
    name: 'tells the holder of an address that someone tried to register it again, once a day',
    async run(stores) {
      const context = await editionWith(stores, [category('open', 5)]);
      let time = Date.parse('2027-05-01T08:00:00Z');
      context.now = () => new Date(time);
      const holder = await registered(context, attendee('open', { email: 'minister@example.gov' }));
      for (const spelling of ['minister@example.gov', 'MINISTER@example.gov', ' minister@example.gov ']) {
        assert.equal((await register(context, attendee('open', { email: spelling }))).kind, 'email_taken');
        time += 60_000;
      }
      assert.deepEqual(await messages(stores, [holder.id]), {
        [holder.id]: ['confirmed', 'already_registered'],
      });
      const [notice] = (await stores.outbox.pending(1_000)).filter(
        (message): message is OutboxMessage =>
          'registrationId' in message &&
          message.registrationId === holder.id &&
          message.kind === 'already_registered',
      );
      // To the address as the holder gave it, with no link or code an attempt could have obtained.
      assert.equal(notice?.to, 'minister@example.gov');
      assert.equal(notice?.manageUrl, undefined);

      time += 24 * 3_600_000;
      assert.equal(
        (await register(context, attendee('open', { email: 'minister@example.gov' }))).kind,
        'email_taken',
      );
      assert.deepEqual(await messages(stores, [holder.id]), {
        [holder.id]: ['confirmed', 'already_registered', 'already_registered'],
      });
    },
  },
  {
    name: 'resends the message a status implies, with a new manage token, once a minute, never to an erased registration',
    async run(stores) {
      const context = await editionWith(stores, [category('open', 5)]);
      let time = Date.parse('2027-05-01T08:00:00Z');
      context.now = () => new Date(time);
      const holder = await registered(context, attendee('open'));
      const tokenBefore = (await stores.registrations.get(holder.id))?.manageTokenHash;
      const resend = async () =>
        resendLastMessage(context, holder.id, await staffAudit(stores, 'registration.resend'));
      const first = await resend();
      assert.equal(first.kind === 'queued' && first.messageKind, 'confirmed');
      assert.notEqual((await stores.registrations.get(holder.id))?.manageTokenHash, tokenBefore);
      const again = await resend();
      assert.equal(again.kind, 'too_soon');
      time += resendIntervalSeconds * 1000;
      const later = await resend();
      assert.equal(later.kind, 'queued');
      assert.deepEqual(await messages(stores, [holder.id]), {
        [holder.id]: ['confirmed', 'confirmed', 'confirmed'],
      });
      await eraseRegistration(context, holder.id, { freeSeat: true });
      time += resendIntervalSeconds * 1000;
      const erased = await resend();
      assert.equal(erased.kind, 'erased');
    },
  },
  {
    name: 'holds registrations for approval, then approves into a seat or the waiting list, or rejects',
    async run(stores) {
      const context = await editionWith(stores, [category('media', 1, { needsApproval: true })]);
      const [a, b, c] = [
        await registered(context, attendee('media')),
        await registered(context, attendee('media')),
        await registered(context, attendee('media', { email: 'reporter@example.org' })),
      ];
      assert.deepEqual([a.status, b.status, c.status], Array(3).fill('pending_approval'));
      assert.equal((await counters(context, 'media')).pending, 3);

      const approvedA = await approve(context, a.id, await staffAudit(stores, 'registration.approve'));
      assert.equal(approvedA.kind === 'done' && approvedA.registration.status, 'confirmed');
      const approvedB = await approve(context, b.id, await staffAudit(stores, 'registration.approve'));
      assert.equal(approvedB.kind === 'done' && approvedB.registration.status, 'waitlisted');
      const rejectedC = await reject(context, c.id, await staffAudit(stores, 'registration.reject'));
      assert.equal(rejectedC.kind === 'done' && rejectedC.registration.status, 'rejected');
      assert.deepEqual(await approve(context, a.id, await staffAudit(stores, 'registration.approve')), {
        kind: 'not_pending',
        status: 'confirmed',
      });
      assert.deepEqual(
        await reject(context, 'no-such-registration', await staffAudit(stores, 'registration.reject')),
        { kind: 'not_found' },
      );

      await assertCounters(context, 'media', { capacity: 1, confirmed: 1, waitlisted: 1 });
      assert.deepEqual(await messages(stores, [a.id, b.id, c.id]), {
        [a.id]: ['pending_approval', 'approved'],
        [b.id]: ['pending_approval', 'waitlisted'],
        [c.id]: ['pending_approval', 'rejected'],
      });
      // A rejection frees the e-mail for a new registration.
      await registered(context, attendee('media', { email: 'Reporter@example.org' }));
    },
  },
  {
    name: 'a cancelled seat goes to the oldest waiting registration in the same change, once',
    async run(stores) {
      const context = await editionWith(stores, [category('tiny', 1)]);
      const holder = await registered(context, attendee('tiny', { email: 'holder@example.org' }));
      const oldest = await registered(context, attendee('tiny'));
      const younger = await registered(context, attendee('tiny'));
      assert.deepEqual(await cancelRegistration(context, holder.id, 'not-the-token'), { kind: 'not_found' });
      assert.deepEqual(await cancelRegistration(context, holder.id, tokenOf(holder)), {
        kind: 'cancelled',
        promoted: 1,
      });
      assert.deepEqual(await cancelRegistration(context, holder.id, tokenOf(holder)), {
        kind: 'cancelled',
        promoted: 0,
      });
      assert.equal(await statusOf(context, oldest.id), 'confirmed');
      assert.equal(await statusOf(context, younger.id), 'waitlisted');
      await assertCounters(context, 'tiny', { capacity: 1, confirmed: 1, waitlisted: 1 });
      assert.deepEqual(await messages(stores, [holder.id, oldest.id, younger.id]), {
        [holder.id]: ['confirmed', 'cancelled'],
        [oldest.id]: ['waitlisted', 'promoted'],
        [younger.id]: ['waitlisted'],
      });
      // Cancelling a waiting registration frees its place without touching the seats.
      assert.deepEqual(await cancelRegistration(context, younger.id, tokenOf(younger)), {
        kind: 'cancelled',
        promoted: 0,
      });
      await assertCounters(context, 'tiny', { capacity: 1, confirmed: 1, waitlisted: 0 });
      // The cancelled registration's e-mail is free again.
      await registered(context, attendee('tiny', { email: 'holder@example.org' }));
    },
  },
  {
    name: 'a capacity change promotes the waiting list oldest first and never drops below the confirmed seats',
    async run(stores) {
      const context = await editionWith(stores, [category('hall', 1)]);
      const people = [];
      for (let index = 0; index < 4; index += 1) people.push(await registered(context, attendee('hall')));
      const raised = await setCapacity(context, 'hall', 3, await staffAudit(stores, 'category.capacity'));
      assert.equal(raised.kind === 'done' && raised.promoted, 2);
      const statuses = await Promise.all(people.map(({ id }) => statusOf(context, id)));
      assert.deepEqual(statuses, ['confirmed', 'confirmed', 'confirmed', 'waitlisted']);
      await assertCounters(context, 'hall', { capacity: 3, confirmed: 3, waitlisted: 1 });
      assert.deepEqual(await setCapacity(context, 'hall', 2, await staffAudit(stores, 'category.capacity')), {
        kind: 'below_confirmed',
        confirmed: 3,
      });
      assert.deepEqual(
        await setCapacity(context, 'no-such-category', 2, await staffAudit(stores, 'category.capacity')),
        { kind: 'not_found' },
      );
      assert.equal((await counters(context, 'hall')).capacity, 3);
      // A seat freed behind the domain's back (a crash before the promotion) is still not the
      // newcomer's while someone waits: they queue, and the oldest waiting takes the seat.
      await context.store.setCapacity(context.edition.id, 'hall', 4);
      const newcomer = await registered(context, attendee('hall'));
      assert.equal(newcomer.status, 'waitlisted');
      assert.equal(await statusOf(context, people[3]?.id ?? ''), 'confirmed');
      await assertCounters(context, 'hall', { capacity: 4, confirmed: 4, waitlisted: 1 });
    },
  },
  {
    name: 'checks a person in once, tells the first time afterwards and keeps the seat',
    async run(stores) {
      const context = await editionWith(stores, [category('desk', 1)]);
      const guest = await registered(context, attendee('desk'));
      const waiting = await registered(context, attendee('desk'));
      const first = await checkIn(
        context,
        guest.code,
        'nonce-0001',
        await staffAudit(stores, 'registration.checkin'),
      );
      assert.equal(first.kind, 'checked_in');
      const at = first.kind === 'checked_in' ? first.checkedInAt : '';
      const repeated = await checkIn(
        context,
        guest.code,
        'nonce-0001',
        await staffAudit(stores, 'registration.checkin'),
      );
      assert.equal(repeated.kind === 'checked_in' && repeated.checkedInAt, at);
      const rescanned = await checkIn(
        context,
        guest.code.toLowerCase(),
        'nonce-0002',
        await staffAudit(stores, 'registration.checkin'),
      );
      assert.equal(rescanned.kind === 'already_checked_in' && rescanned.firstCheckedInAt, at);
      assert.equal(
        (await checkIn(context, waiting.code, undefined, await staffAudit(stores, 'registration.checkin')))
          .kind,
        'not_confirmed',
      );
      assert.equal(
        (await checkIn(context, 'ZZZZZZZZZ', undefined, await staffAudit(stores, 'registration.checkin')))
          .kind,
        'unknown_code',
      );
      assert.equal((await cancelRegistration(context, guest.id, tokenOf(guest))).kind, 'not_cancellable');
      await assertCounters(context, 'desk', { capacity: 1, confirmed: 1, waitlisted: 1, checkedIn: 1 });
    },
  },
  {
    name: 'a staff change writes its audit entry in its own transaction; a refused one writes one apart, and a failed one none',
    async run(stores) {
      const context = await editionWith(stores, [category('jury', 1, { needsApproval: true })]);
      const person = await registered(context, attendee('jury'));
      await approve(context, person.id, await staffAudit(stores, 'registration.approve'));
      await approve(context, person.id, await staffAudit(stores, 'registration.approve'));
      const entries = await auditOf(stores, person.id);
      assert.deepEqual(
        entries.map(({ action, outcome, actor, groups }) => [action, outcome, actor, groups]),
        [
          ['registration.approve', 'succeeded', 'scenario-organizer', ['organizer']],
          ['registration.approve', 'refused', 'scenario-organizer', ['organizer']],
        ],
      );
      // A change whose condition fails (fewer seats than are confirmed) writes its entry nowhere.
      const audit = await staffAudit(stores, 'category.capacity');
      const entry = audit.entry({ target: 'jury', registrationIds: [person.id] });
      assert.equal(
        await conflictReason(stores.registrations.setCapacity(context.edition.id, 'jury', 0, entry)),
        'seats_changed',
      );
      const registration = (await context.store.get(person.id))?.registration;
      assert.ok(registration);
      const stale = { changes: [{ registration, change: 'reject' as const }], at: 'later', audit: entry };
      assert.equal(await conflictReason(stores.registrations.transition(stale)), 'state_changed');
      assert.equal((await auditOf(stores, person.id)).length, 2);
      // The address is kept only as its keyed hash.
      assert.match(entries[0]?.clientHash ?? '', /^[0-9a-f]{64}$/);
      assert.ok(!JSON.stringify(entries).includes('192.0.2.10'));
    },
  },
  {
    name: 'replays the first answer to a repeated Idempotency-Key and registers nothing new',
    async run(stores) {
      const context = await editionWith(stores, [category('open', 10)]);
      const input = attendee('open');
      const body = JSON.stringify(input);
      const key = { key: randomUUID(), client: '203.0.113.7', body };
      const created = await registered(context, input, key);
      const replay = await register(context, input, key);
      assert.deepEqual(replay, { kind: 'replayed', response: created });
      assert.equal(
        (await register(context, attendee('open'), { ...key, body: `${body} ` })).kind,
        'key_reused',
      );
      assert.equal((await counters(context, 'open')).confirmed, 1);
      // A refused request (the e-mail is taken) leaves its key free for a corrected one.
      const refusedKey = { key: randomUUID(), client: '203.0.113.7', body };
      assert.equal((await register(context, input, refusedKey)).kind, 'email_taken');
      const corrected = attendee('open');
      await registered(context, corrected, { ...refusedKey, body: JSON.stringify(corrected) });
      assert.equal((await counters(context, 'open')).confirmed, 2);
    },
  },
  {
    name: 'lists registrations newest first with filters and an opaque cursor, and counts them',
    async run(stores) {
      const context = await editionWith(stores, [category('list', 10), category('other', 10)]);
      const made = [];
      for (let index = 0; index < 5; index += 1) {
        made.push(await registered(context, attendee('list', { country: index < 2 ? 'DE' : 'CN' })));
      }
      await registered(context, attendee('other', { name: 'Zhou Other', country: 'CN' }));
      const firstPage = await listRegistrations(context, { category: 'list', limit: 3 });
      assert.deepEqual(ids(firstPage.items), ids(made.slice(2)).reverse());
      assert.ok(firstPage.nextCursor);
      const secondPage = await listRegistrations(context, {
        category: 'list',
        limit: 3,
        cursor: firstPage.nextCursor,
      });
      assert.deepEqual(ids(secondPage.items), ids(made.slice(0, 2)).reverse());
      assert.equal(secondPage.nextCursor, null);
      const found = await listRegistrations(context, { text: 'zhou', limit: 10 });
      assert.deepEqual(
        found.items.map(({ name }) => name),
        ['Zhou Other'],
      );
      await assert.rejects(
        listRegistrations(context, { limit: 3, cursor: 'not-a-cursor' }),
        InvalidCursorError,
      );
      const stats = await statistics(context);
      assert.deepEqual(stats.byCountry, { DE: 2, CN: 4 });
      assert.equal(stats.overseasShare, 2 / 6);
    },
  },
  {
    name: 'finds venues by their words, near a point and by category, reading only what the indexes give',
    async run(stores) {
      const word = uniqueWord();
      const prefix = `scenario-${randomUUID().slice(0, 8)}`;
      const near = sampleVenue(`${prefix}-near`, { name: { en: `Near ${word}`, zh: '近处' } });
      const inn = sampleVenue(`${prefix}-inn`, {
        name: { en: `Inn ${word}`, zh: '客栈' },
        category: 'inn',
        location: { lat: wuzhen.lat + 0.006, lon: wuzhen.lon, precision: 'exact' },
      });
      const far = sampleVenue(`${prefix}-far`, {
        location: { lat: wuzhen.lat + 0.03, lon: wuzhen.lon, precision: 'exact' },
      });
      await stores.venues.upsertVenues([near, inn, far]);
      const ours = (items: ReadonlyArray<{ id: string }>) =>
        ids(items)
          .filter((id) => id.startsWith(prefix))
          .sort();
      const search = (query: Partial<VenueSearch>) =>
        searchVenues(stores.venues, { limit: 100, offset: 0, ...query }, isOpenAt);

      const byWord = await search({ q: word });
      assert.deepEqual(ids(byWord.items).sort(), [inn.id, near.id].sort());
      assert.equal(byWord.itemsRead, 4, 'two term items and two venues');
      const nearby = await search({ near: wuzhen, radius: 1_000 });
      assert.deepEqual(ours(nearby.items), [inn.id, near.id].sort());
      assert.equal(nearby.items.find(({ id }) => id === inn.id)?.distanceMeters, 667);
      assert.deepEqual(ours((await search({ categories: ['inn'] })).items), [inn.id]);
      assert.deepEqual(ours((await search({ q: word, categories: ['cafe'] })).items), [near.id]);
    },
  },
  {
    name: 'publishes reviews up to the rate limit, then refuses with the time to wait; hiding takes a rating out',
    async run(stores) {
      const venueId = `scenario-${randomUUID().slice(0, 8)}`;
      await stores.venues.upsertVenues([sampleVenue(venueId)]);
      const now = tickingClock();
      const deps = { store: stores.venues, rateLimiter: stores.rateLimiter, now };
      const client = `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
      const posted = [];
      for (let index = 0; index < reviewRateLimit.limit; index += 1) {
        const outcome = await postReview(
          deps,
          venueId,
          { rating: 1 + index, comment: 'Good tea', author: 'Li' },
          client,
        );
        assert.equal(outcome.kind, 'published');
        if (outcome.kind === 'published') posted.push(outcome.review);
      }
      const refused = await postReview(deps, venueId, { rating: 5, comment: 'Again', author: 'Li' }, client);
      assert.equal(refused.kind, 'rate_limited');
      assert.ok(refused.kind === 'rate_limited' && refused.retryAfterSeconds > 0);
      assert.equal(
        (await postReview(deps, 'no-such-venue', { rating: 5, comment: 'x', author: 'y' }, 'other')).kind,
        'no_such_venue',
      );
      assert.deepEqual((await stores.venues.getVenue(venueId))?.rating, { average: 3, count: 5 });

      const page = await stores.venues.listReviews(venueId, 3);
      assert.deepEqual(ids(page.items), ids(posted.slice(2)).reverse());
      assert.ok(page.nextCursor);
      const rest = await stores.venues.listReviews(venueId, 3, page.nextCursor);
      assert.deepEqual(ids(rest.items), ids(posted.slice(0, 2)).reverse());
      await assert.rejects(stores.venues.listReviews(venueId, 3, 'not-a-cursor'), InvalidCursorError);

      const hidden = posted.at(-1)?.id ?? '';
      assert.equal(await stores.venues.hideReview(hidden), true);
      assert.equal(await stores.venues.hideReview(hidden), false);
      assert.deepEqual((await stores.venues.getVenue(venueId))?.rating, { average: 2.5, count: 4 });
    },
  },
];

/** A new registration as the domain would hand it to the store, for the given register change. */
function newEntry(
  context: RegistrationContext,
  categoryId: string,
  email: string,
  change: RegisterChange,
): NewRegistration {
  const at = context.now().toISOString();
  const { to: status, message } = lifecycle[change];
  const registration: Registration = {
    id: newId(),
    edition: context.edition.id,
    category: categoryId,
    status,
    name: 'Port Test',
    email,
    country: 'CN',
    language: 'en',
    needsVisaLetter: false,
    code: generateCheckinCode(),
    createdAt: at,
    updatedAt: at,
  };
  const outbox = messageFor(message, registration, messageContext(context, at));
  return { registration, change, manageTokenHash: 'hash', outbox };
}

const messageContext = (context: RegistrationContext, at: string) => ({
  category: { name: { en: 'Port', zh: '端口' } },
  edition: context.edition,
  at,
});

async function conflictReason(write: Promise<unknown>): Promise<string> {
  const error = await write.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  assert.ok(error instanceof RegistrationConflict, `expected a RegistrationConflict, got ${String(error)}`);
  return error.reason;
}

/**
 * The registration port's own promises, below the domain's retries: a change whose condition no
 * longer holds is refused with the reason its item names, and writes nothing.
 */
export const registrationStoreContract: Scenario[] = [
  {
    name: 'the store refuses a seat that is no longer free, and a taken e-mail, writing nothing',
    async run(stores) {
      const context = await editionWith(stores, [category('one', 1)]);
      await stores.registrations.create(newEntry(context, 'one', 'first@example.org', 'register_confirmed'));
      const late = newEntry(context, 'one', 'late@example.org', 'register_confirmed');
      assert.equal(await conflictReason(stores.registrations.create(late)), 'seats_changed');
      assert.equal(await stores.registrations.get(late.registration.id), undefined);
      const sameEmail = newEntry(context, 'one', ' FIRST@example.org', 'register_waitlisted');
      assert.equal(await conflictReason(stores.registrations.create(sameEmail)), 'email_taken');
      await assertCounters(context, 'one', { capacity: 1, confirmed: 1, waitlisted: 0 });
      // Refused writes claimed nothing: the late e-mail can still join the waiting list.
      const lateWaiting = newEntry(context, 'one', 'late@example.org', 'register_waitlisted');
      await stores.registrations.create(lateWaiting);
      assert.equal(await statusOf(context, lateWaiting.registration.id), 'waitlisted');
      assert.deepEqual(await messages(stores, [late.registration.id, lateWaiting.registration.id]), {
        [late.registration.id]: [],
        [lateWaiting.registration.id]: ['waitlisted'],
      });
    },
  },
  {
    name: 'the store corrects a registration as read, moves its e-mail claim, and refuses a stale read or a taken address, writing nothing',
    async run(stores) {
      const context = await editionWith(stores, [category('edit', 5)]);
      const entry = newEntry(context, 'edit', 'before@example.org', 'register_confirmed');
      await stores.registrations.create(entry);
      await stores.registrations.create(
        newEntry(context, 'edit', 'holder@example.org', 'register_confirmed'),
      );
      const audit = await staffAudit(stores, 'registration.edit');
      const { registration } = entry;
      const auditEntry = () => audit.entry({ registrationIds: [registration.id] });
      const edition = context.edition.id;

      const taken = {
        registration,
        changes: { email: 'HOLDER@example.org' },
        at: 'later',
        audit: auditEntry(),
      };
      assert.equal(await conflictReason(stores.registrations.edit(taken)), 'email_taken');
      assert.deepEqual((await stores.registrations.get(registration.id))?.registration, registration);

      const changes = { name: 'Port Corrected', email: 'After@example.org', organization: 'Lab' };
      await stores.registrations.edit({ registration, changes, at: 'later', audit: auditEntry() });
      const edited = (await stores.registrations.get(registration.id))?.registration;
      assert.deepEqual(edited, { ...registration, ...changes, updatedAt: 'later' });
      assert.equal(await stores.registrations.findIdByEmail(edition, 'after@example.org'), registration.id);
      assert.equal(await stores.registrations.findIdByEmail(edition, 'before@example.org'), undefined);
      const found = await listRegistrations(context, { text: 'port corrected', limit: 10 });
      assert.deepEqual(ids(found.items), [registration.id]);

      // Read before the change above: refused, so a correction never overwrites one it did not see.
      const stale = { registration, changes: { name: 'Stale' }, at: 'latest', audit: auditEntry() };
      assert.equal(await conflictReason(stores.registrations.edit(stale)), 'state_changed');
      assert.equal((await stores.registrations.get(registration.id))?.registration.name, 'Port Corrected');
      assert.ok(edited);
      await stores.registrations.edit({
        registration: edited,
        changes: { organization: undefined },
        at: 'last',
        audit: auditEntry(),
      });
      assert.equal((await stores.registrations.get(registration.id))?.registration.organization, undefined);
      // Each correction wrote its entry with it; the refused writes wrote none.
      assert.equal((await auditOf(stores, registration.id)).length, 2);
    },
  },
  {
    name: 'the store refuses a change from a status the registration no longer has, and a capacity below the confirmed seats',
    async run(stores) {
      const context = await editionWith(stores, [category('two', 2)]);
      const entry = newEntry(context, 'two', 'stale@example.org', 'register_confirmed');
      const { registration } = entry;
      await stores.registrations.create(entry);
      const cancel = () => ({
        changes: [statusChange('cancel_confirmed', registration, messageContext(context, 'later'))],
        at: 'later',
      });
      await stores.registrations.transition(cancel());
      assert.equal(await conflictReason(stores.registrations.transition(cancel())), 'state_changed');
      const checkIn = { changes: [{ registration, change: 'check_in' as const }], at: 'later' };
      assert.equal(await conflictReason(stores.registrations.transition(checkIn)), 'state_changed');
      await assertCounters(context, 'two', { capacity: 2, confirmed: 0, waitlisted: 0 });
      assert.deepEqual(await messages(stores, [registration.id]), {
        [registration.id]: ['confirmed', 'cancelled'],
      });

      await stores.registrations.create(newEntry(context, 'two', 'seated@example.org', 'register_confirmed'));
      const edition = context.edition.id;
      assert.equal(
        await conflictReason(stores.registrations.setCapacity(edition, 'two', 0)),
        'seats_changed',
      );
      assert.equal((await stores.registrations.setCapacity(edition, 'two', 1)).capacity, 1);
    },
  },
];
