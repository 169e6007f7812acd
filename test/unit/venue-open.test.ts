import { describe, expect, it } from 'vitest';
import { currentEdition, loadEditions, loadPrivacyNotice, loadVenues } from '../../content/load.ts';
import { isOpenAt } from '../../functions/domain/opening-hours.ts';
import { minuteMs } from '../../functions/domain/opening-schedule.ts';
import { seedContent } from '../../functions/domain/seed.ts';
import { isVenueOpenAt } from '../../functions/domain/venue-open.ts';
import { memoryStores } from '../../functions/store/memory/stores.ts';
import { mulberry32 } from '../support/seeded-random.ts';

const dayMs = 24 * 60 * minuteMs;
const seededAt = new Date('2027-10-20T05:17:42.123Z');

describe('open at an instant, from the schedule seeded with each venue', async () => {
  const stores = memoryStores();
  const venues = await loadVenues();
  await seedContent(
    stores,
    {
      venues,
      currentEdition: currentEdition(await loadEditions()),
      privacyNotice: await loadPrivacyNotice(),
    },
    seededAt,
  );
  const withHours = venues.filter((venue) => venue.openingHours);

  it.each(withHours.map((venue) => [venue.id, venue.openingHours ?? '']))(
    '%s: the same answers as the evaluator at 1,000 random instants, inside the schedule and outside it',
    async (id, openingHours) => {
      const schedule = (await stores.venues.getVenue(id))?.openingSchedule;
      expect(schedule).toBeDefined();
      const next = mulberry32([...id].reduce((sum, char) => sum * 31 + char.charCodeAt(0), 7) >>> 0);
      // From 30 days before the seed to 30 days after its schedule ends, so both ways are taken.
      const first = seededAt.getTime() - 30 * dayMs;
      const last = (schedule?.until ?? 0) * minuteMs + 30 * dayMs;
      let inside = 0;
      for (let drawn = 0; drawn < 1_000; drawn += 1) {
        const instant = new Date(first + Math.floor(next() * (last - first)));
        if (
          schedule &&
          instant.getTime() >= schedule.from * minuteMs &&
          instant.getTime() <= schedule.until * minuteMs
        )
          inside += 1;
        expect(await isVenueOpenAt(openingHours, instant, schedule), instant.toISOString()).toBe(
          isOpenAt(openingHours, instant),
        );
      }
      expect(inside).toBeGreaterThan(500);
      expect(inside).toBeLessThan(1_000);
    },
  );

  it.each(withHours.map((venue) => [venue.id, venue.openingHours ?? '']))(
    '%s: the same answers on each side of every change in the schedule',
    async (id, openingHours) => {
      const schedule = (await stores.venues.getVenue(id))?.openingSchedule;
      for (const [minute] of schedule?.changes ?? []) {
        for (const instant of [new Date(minute * minuteMs - 1), new Date(minute * minuteMs)]) {
          expect(await isVenueOpenAt(openingHours, instant, schedule), instant.toISOString()).toBe(
            isOpenAt(openingHours, instant),
          );
        }
      }
    },
  );

  it('starts each schedule at the minute of the seed, for the days the venue pages cover', async () => {
    const [venue] = withHours;
    const schedule = venue && (await stores.venues.getVenue(venue.id))?.openingSchedule;
    expect(schedule?.from).toBe(Math.floor(seededAt.getTime() / minuteMs));
    expect(((schedule?.until ?? 0) - (schedule?.from ?? 0)) * minuteMs).toBe(120 * dayMs);
  });
});
