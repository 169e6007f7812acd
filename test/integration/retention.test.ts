import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { venueSchema } from '../../content/schemas/venue.ts';
import { newId } from '../../functions/domain/ids.ts';
import { checkIn } from '../../functions/domain/organizer.ts';
import type { RegistrationContext } from '../../functions/domain/registration-context.ts';
import type { RegistrationInput } from '../../functions/domain/registration-input.ts';
import { cancelRegistration, register } from '../../functions/domain/registrations.ts';
import { retentionEndsAt, shredEdition, shredReviews } from '../../functions/domain/retention.ts';
import { requestAudit } from '../../functions/http/staff-audit.ts';
import { DynamoDbVenueStore } from '../../functions/store/dynamodb/venue-store.ts';
import { apiEvent } from '../support/events.ts';
import { expectInvariants } from '../support/invariants.ts';
import { attendee, category, registrationFixture, testEdition } from '../support/registration-fixture.ts';
import { testStaffAudit } from '../support/staff-audit.ts';
import { scanTable } from '../support/table-scan.ts';

const past = { ...testEdition, id: '2026', name: { en: 'Past edition', zh: '往届' } };
const pastPolicy = { id: past.id, endDate: '2026-11-19', personalDataRetentionDays: 30 };
const currentPolicy = { id: testEdition.id, endDate: '2027-11-19', personalDataRetentionDays: 90 };
const afterRetention = new Date('2026-12-21T00:00:00+08:00');

let fixture: Awaited<ReturnType<typeof registrationFixture>>;
let pastContext: RegistrationContext;
const pastPeople: string[] = [];

beforeAll(async () => {
  fixture = await registrationFixture([category('delegate', 500)]);
  // The past edition's registrations, made while it was current; then 2027 is current again.
  await fixture.inspect.upsertEdition(past, [category('hall', 20)]);
  await fixture.inspect.upsertEdition(testEdition, [category('delegate', 500)]);
  pastContext = { ...fixture.context, edition: past };
  for (let index = 0; index < 30; index += 1) {
    const outcome = await register(pastContext, {
      ...attendee({
        category: 'hall',
        name: `Past Person ${index}`,
        email: `past.person.${index}@example.org`,
      }),
      language: 'en',
      needsVisaLetter: false,
    } as RegistrationInput);
    if (outcome.kind !== 'created') throw new Error(outcome.kind);
    pastPeople.push(outcome.response.id);
    if (index < 3) await checkIn(pastContext, outcome.response.code, undefined, await deskAudit());
    if (index === 5 || index === 25) {
      await cancelRegistration(pastContext, outcome.response.id, outcome.response.manageToken);
    }
  }
});
afterAll(() => fixture.dispose());

/** The check-in desk's audit, as the route handler gives it, over the fixture's trail. */
const deskAudit = () =>
  requestAudit(
    apiEvent('POST', '/api/admin/checkins', { client: '192.0.2.30' }),
    'registration.checkin',
    testStaffAudit(fixture.tables.inspectionClient, fixture.tables.tableNames),
  );

const pastRegistrations = async () =>
  (await fixture.items()).filter(
    (item) => String(item.pk).startsWith('REGISTRATION#') && item.edition === past.id,
  );
const pastCategory = async () =>
  (await fixture.items()).find((item) => item.pk === `CATEGORY#${past.id}` && item.sk === 'hall');

describe('the retention rule', () => {
  it('knows when each edition is due: the end of its last day in Wuzhen plus its period', () => {
    expect(retentionEndsAt(pastPolicy).toISOString()).toBe('2026-12-19T16:00:00.000Z');
  });

  it('changes nothing before an edition’s period has passed, or in a dry run', async () => {
    const before = await fixture.items();
    const early = { ...fixture.context, now: () => new Date('2026-12-19T23:59:00+08:00') };
    expect(await shredEdition(early, pastPolicy)).toMatchObject({ due: false, anonymised: 0, batches: 0 });
    const dry = await shredEdition({ ...fixture.context, now: () => afterRetention }, pastPolicy, {
      dryRun: true,
      batchSize: 7,
      maxBatches: 100,
    });
    expect(dry).toMatchObject({ due: true, dryRun: true, found: 30, anonymised: 0 });
    expect(await fixture.items()).toEqual(before);
  });

  it('anonymises only the past edition, in batches, while registrations for the current one keep arriving', async () => {
    const countersBefore = await pastCategory();
    const context = { ...fixture.context, now: () => afterRetention };
    // Four clients, ten registrations each, one after another (the local gateway admits 8 at a time).
    const arrive = async (client: number) => {
      const statuses: number[] = [];
      for (let index = client * 10; index < client * 10 + 10; index += 1) {
        const answer = await fixture.call('POST', '/api/registrations', {
          body: attendee({ name: `Current Person ${index}`, email: `current.person.${index}@example.org` }),
        });
        statuses.push(answer.status);
      }
      return statuses;
    };
    const [report, ...clients] = await Promise.all([
      shredEdition(context, pastPolicy, { dryRun: false, batchSize: 7, maxBatches: 100 }),
      ...[0, 1, 2, 3].map(arrive),
    ]);
    const arrivals = clients.flat().map((status) => ({ status }));
    expect(arrivals.map((answer) => answer.status)).toEqual(Array(40).fill(201));
    expect(report).toMatchObject({ due: true, anonymised: 30, batches: 5, batchSize: 7, remaining: false });
    console.log(
      `retention: ${report.anonymised} anonymised in ${report.batches} batches of up to ${report.batchSize}`,
    );

    const items = await fixture.items();
    expectInvariants(items);
    const text = JSON.stringify(items, (_key, value) => (value instanceof Set ? [...value] : value));
    expect(text).not.toMatch(/past person|past\.person/i);
    for (let index = 0; index < 40; index += 1) expect(text).toContain(`current.person.${index}@example.org`);
    // The past edition's figures are history: statuses, counters and check-ins stay as they were.
    expect(await pastCategory()).toEqual(countersBefore);
    const anonymised = await pastRegistrations();
    expect(anonymised).toHaveLength(30);
    expect(anonymised.filter((item) => item.checkedInAt)).toHaveLength(3);
    expect(anonymised.filter((item) => item.status === 'cancelled')).toHaveLength(2);
    for (const item of anonymised) expect(item.erasedAt).toBe(afterRetention.toISOString());
  });

  it('changes nothing more when it runs again, and leaves an edition within its period alone', async () => {
    const before = await fixture.items();
    const context = { ...fixture.context, now: () => afterRetention };
    expect(await shredEdition(context, pastPolicy)).toMatchObject({ due: true, anonymised: 0, found: 0 });
    expect(await shredEdition(context, currentPolicy)).toMatchObject({ due: false, anonymised: 0 });
    expect(await fixture.items()).toEqual(before);
  });
});

describe('the retention rule for reviews', () => {
  it('anonymises reviews older than the period, keeps their ratings, lists them no more; twice changes nothing', async () => {
    const venues = new DynamoDbVenueStore(fixture.tables.documentClient, fixture.tables.tableNames.venues);
    const venue = venueSchema.parse({
      id: 'retention-teahouse',
      name: { en: 'Retention Teahouse', zh: '留存茶馆' },
      category: 'cafe',
      intro: { en: 'A test venue.', zh: '测试地点。' },
      address: { en: 'Wuzhen', zh: '乌镇' },
      location: { lat: 30.7461, lon: 120.4956, precision: 'exact' },
      lastVerified: '2026-11-25',
      source: 'test',
    });
    await venues.upsertVenues([venue]);
    for (const [index, rating] of [5, 3, 4].entries()) {
      await venues.addReview({
        id: newId(),
        venueId: venue.id,
        rating,
        comment: `Reviewer ${index} thought the tea was fine`,
        author: `Reviewer Name ${index}`,
        createdAt: new Date().toISOString(),
      });
    }
    const ratingBefore = (await venues.getVenue(venue.id))?.rating;
    const days = 30;
    const at = (offsetDays: number) => () => new Date(Date.now() + offsetDays * 24 * 60 * 60 * 1000);

    expect(await shredReviews({ store: venues, now: at(29) }, days)).toMatchObject({ anonymised: 0 });
    expect((await venues.listReviews(venue.id, 10)).items).toHaveLength(3);

    const report = await shredReviews({ store: venues, now: at(31) }, days, { batchSize: 2, maxBatches: 10 });
    expect(report).toMatchObject({ anonymised: 3, batches: 2, remaining: false });
    expect((await venues.listReviews(venue.id, 10)).items).toEqual([]);
    expect((await venues.getVenue(venue.id))?.rating).toEqual(ratingBefore);
    const stored = JSON.stringify(
      await scanTable(fixture.tables.settings.endpoint ?? '', fixture.tables.tableNames.venues),
    );
    expect(stored).not.toMatch(/Reviewer/);

    expect(await shredReviews({ store: venues, now: at(31) }, days)).toMatchObject({ anonymised: 0 });
  });
});
