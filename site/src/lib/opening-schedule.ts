import { nextChange, openingStateAt } from '../../../functions/domain/opening-hours.ts';

export type OpeningStateName = 'open' | 'closed' | 'unknown';

/**
 * A venue's opening state over a stretch of time from the build, worked out with the full
 * opening_hours library so the page's script need not carry it (over a megabyte) to the browser:
 * the script finds "now" among the changes. Times are whole minutes since the Unix epoch.
 */
export interface OpeningSchedule {
  from: number;
  until: number;
  /** The state at `from`, then each change: [minute, state]. */
  initial: OpeningStateName;
  changes: Array<[number, OpeningStateName]>;
}

const minute = 60_000;

/** The schedule for `days` days from `from`; a page rebuilt within that time stays right. */
export function openingSchedule(value: string, from: Date, days = 120): OpeningSchedule {
  const until = new Date(from.getTime() + days * 24 * 60 * minute);
  const changes: Array<[number, OpeningStateName]> = [];
  let at: Date | undefined = from;
  for (;;) {
    at = nextChange(value, at);
    if (!at || at > until) break;
    changes.push([Math.round(at.getTime() / minute), openingStateAt(value, at).state]);
  }
  return {
    from: Math.floor(from.getTime() / minute),
    until: Math.floor(until.getTime() / minute),
    initial: openingStateAt(value, from).state,
    changes,
  };
}
