import { type OpeningSchedule, stateAt } from './opening-schedule.ts';

/**
 * Whether a venue is open at `instant`, on Wuzhen's clock: read from the schedule worked out when it
 * was seeded when the instant falls within it, else from the opening_hours evaluator, imported only
 * then: it is most of a bundle's bytes and of its import time, and "open now" rarely needs it. In
 * a bundle, `#opening-hours` is a file of its own (infra/function-bundling.ts, lazyImports).
 * Unknown counts as not open, as in isOpenAt.
 */
export async function isVenueOpenAt(
  openingHours: string,
  instant: Date,
  schedule?: OpeningSchedule,
): Promise<boolean> {
  const scheduled = schedule && stateAt(schedule, instant);
  if (scheduled) return scheduled.state === 'open';
  const { isOpenAt } = await import('#opening-hours');
  return isOpenAt(openingHours, instant);
}
