/**
 * A venue's opening state over a stretch of time, worked out ahead with the full opening_hours
 * evaluator (`openingSchedule` in opening-hours.ts) so that what reads it need not carry the
 * evaluator: the venue pages' script (worked out at build time) and the venues function (at seed
 * time). Times are whole minutes since the Unix epoch.
 */

export type OpeningStateName = 'open' | 'closed' | 'unknown';

export interface OpeningSchedule {
  from: number;
  until: number;
  /** The state at `from`, then each change: [minute, state]. */
  initial: OpeningStateName;
  changes: Array<[number, OpeningStateName]>;
}

export const minuteMs = 60_000;

/**
 * The state at `instant` in a schedule, and when it next changes (undefined when it does not
 * within the schedule); undefined when the instant lies outside the schedule.
 */
export function stateAt(
  schedule: OpeningSchedule,
  instant: Date,
): { state: OpeningStateName; next: Date | undefined } | undefined {
  const now = instant.getTime() / minuteMs;
  if (!(now >= schedule.from && now <= schedule.until)) return undefined;
  let state = schedule.initial;
  for (const [at, changed] of schedule.changes) {
    if (at > now) return { state, next: new Date(at * minuteMs) };
    state = changed;
  }
  return { state, next: undefined };
}
