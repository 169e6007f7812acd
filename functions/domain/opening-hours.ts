// Opening hours of venues, in OpenStreetMap opening_hours syntax, read on Wuzhen's clock: the guide
// answers "open now" and "opens at 09:00" for a visitor in Wuzhen, whatever zone the server runs in.

import type { nominatim_object } from 'opening_hours';
import OpeningHours from 'opening_hours';
import { minuteMs, type OpeningSchedule } from './opening-schedule.ts';

/**
 * Where the venues are, for the library's public-holiday table (`PH`): China, Zhejiang. The table
 * has no entry for Zhejiang, so China's country-wide list applies. No latitude and longitude on
 * purpose: the library works sun times (`sunrise`, `dusk`) out from a Date's real instant, but it is
 * handed Dates shifted to show Shanghai's wall clock (below), which would move the sun by the offset
 * between the zones. Without coordinates it takes fixed times: dawn 05:30, sunrise 06:00, sunset
 * 18:00, dusk 18:30. (It reads coordinates only as strings anyway, whatever its types say.)
 */
const zhejiang = { address: { country_code: 'cn', state: '浙江省' } } as nominatim_object;

/** China Standard Time: UTC+8 all year, no daylight saving since 1991. */
const shanghaiOffsetMs = 8 * 60 * 60 * 1000;

/**
 * Whether the library knows China's public holidays, so that `PH off` means something. It knows only
 * the fixed-date ones: 1 January, 8 March, 1 and 4 May, 1 June and 1 to 3 October. Not the Spring
 * Festival, Qingming, the Dragon Boat or the Mid-Autumn Festival, nor the rest of the May and October
 * holidays or the weekends worked in exchange; and 8 March, 4 May and 1 June are half days off for
 * women, the young and children only, yet `PH off` closes a venue on them.
 */
export const publicHolidaysSupported: boolean = (() => {
  try {
    return new OpeningHours('PH', zhejiang).getState(new Date(2025, 9, 1, 12));
  } catch {
    return false;
  }
})();

/** Sentences the library adds for developers, not for whoever writes a venue's hours. */
const developerAsides = [
  /\s*This means that the syntax is not valid at that point or it is currently not supported\./g,
  /\s*For working with points in time, the mode for opening_hours\.js has to be altered\. Maybe wrong tag\?/g,
  /\s*Please submit a pull request:\s*\S+/g,
];

/** The library throws strings, some marking the spot: `Mo-Su 25:00 <--- (Time range starts …)`. */
function reasonFrom(thrown: unknown): string {
  const message = developerAsides.reduce((text, aside) => text.replace(aside, ''), String(thrown)).trim();
  const marked = /^(.*?)\s*<---\s*\((.*)\)$/s.exec(message);
  if (marked) {
    const [, before = '', reason = ''] = marked;
    return before ? `${reason.trim()} (after "${before}")` : reason.trim();
  }
  return message;
}

/** Comments in double quotes may say anything, "SH" included. */
const withoutComments = (value: string) => value.replace(/"[^"]*"/g, '""');

/**
 * The library knows no school holidays for China and says so through `console.error` before it
 * throws; catching `SH` first keeps validation quiet.
 */
function unsupportedSelector(value: string): string | undefined {
  return /\bSH\b/i.test(withoutComments(value)) ? 'school holidays (SH) are not known for China' : undefined;
}

/** Parsed values, since a list of venues asks about the same few strings over and over. */
const parsed = new Map<string, OpeningHours>();
const maxParsed = 500;

/** The evaluator for a value, or an Error saying why the value is not one. */
function evaluatorFor(value: string): OpeningHours {
  const known = parsed.get(value);
  if (known) return known;
  const unsupported = unsupportedSelector(value);
  if (unsupported) throw new Error(unsupported);
  let evaluator: OpeningHours;
  try {
    evaluator = new OpeningHours(value, zhejiang);
  } catch (thrown) {
    throw new Error(reasonFrom(thrown));
  }
  if (parsed.size >= maxParsed) parsed.clear();
  parsed.set(value, evaluator);
  return evaluator;
}

/** Why a value is not valid opening hours, in a few English words; undefined when it is. */
export function openingHoursProblem(value: string): string | undefined {
  try {
    evaluatorFor(value);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * A Date whose local fields read Shanghai's wall clock at `instant`, in whatever zone the process
 * runs: the library reads a Date only through its local fields (getHours, getDay …). In a zone with
 * daylight saving, a wall-clock time that falls in that zone's spring-forward gap does not exist
 * locally and reads an hour later; UTC (as on AWS Lambda) and Asia/Shanghai have no such gap.
 */
function shanghaiWallClock(instant: Date): Date {
  if (Number.isNaN(instant.getTime())) throw new RangeError('not a valid date');
  const shifted = new Date(instant.getTime() + shanghaiOffsetMs);
  return new Date(
    shifted.getUTCFullYear(),
    shifted.getUTCMonth(),
    shifted.getUTCDate(),
    shifted.getUTCHours(),
    shifted.getUTCMinutes(),
    shifted.getUTCSeconds(),
    shifted.getUTCMilliseconds(),
  );
}

/** The real instant at which Shanghai's wall clock reads the local fields of `wallClock`. */
function instantOf(wallClock: Date): Date {
  const asIfUtc = Date.UTC(
    wallClock.getFullYear(),
    wallClock.getMonth(),
    wallClock.getDate(),
    wallClock.getHours(),
    wallClock.getMinutes(),
    wallClock.getSeconds(),
    wallClock.getMilliseconds(),
  );
  return new Date(asIfUtc - shanghaiOffsetMs);
}

export interface OpeningState {
  /**
   * `unknown` where the hours say so, and where a rule carries a comment but no explicit state:
   * `Mo-Su 10:00-22:00 "kitchen closes 21:30"` is unknown by the opening_hours specification, since
   * the comment might qualify it; `Mo-Su 10:00-22:00 open "kitchen closes 21:30"` is open.
   */
  state: 'open' | 'closed' | 'unknown';
  /** The comment of the rule that applies, e.g. "kitchen closes 21:30". */
  comment: string | undefined;
}

/**
 * Whether a venue with these opening hours is open, closed or unknown at `instant`, on Wuzhen's
 * clock, with the comment that applies. Throws an Error with the reason for a value that is not
 * valid opening hours.
 */
export function openingStateAt(value: string, instant: Date): OpeningState {
  const evaluator = evaluatorFor(value);
  const wallClock = shanghaiWallClock(instant);
  return { state: evaluator.getStateString(wallClock, true), comment: evaluator.getComment(wallClock) };
}

/**
 * Whether a venue with these opening hours is open at `instant`, on Wuzhen's clock. Unknown counts as
 * not open: "open now" should list only places known to be open. Throws an Error with the reason for
 * a value that is not valid opening hours.
 */
export function isOpenAt(value: string, instant: Date): boolean {
  return evaluatorFor(value).getState(shanghaiWallClock(instant));
}

/**
 * When the venue next opens or closes (or its hours turn unknown or known) after `instant`: the real
 * instant, to be shown on Wuzhen's clock. Undefined when nothing changes within five years, as for
 * `24/7`. Throws an Error with the reason for a value that is not valid opening hours.
 */
export function nextChange(value: string, instant: Date): Date | undefined {
  const change = evaluatorFor(value).getNextChange(shanghaiWallClock(instant));
  return change && instantOf(change);
}

/**
 * The schedule (opening-schedule.ts) of these opening hours for `days` days from the minute that
 * holds `from`. Throws an Error with the reason for a value that is not valid opening hours.
 */
export function openingSchedule(value: string, from: Date, days = 120): OpeningSchedule {
  const start = new Date(Math.floor(from.getTime() / minuteMs) * minuteMs);
  const until = new Date(start.getTime() + days * 24 * 60 * minuteMs);
  const changes: OpeningSchedule['changes'] = [];
  let at: Date | undefined = start;
  for (;;) {
    at = nextChange(value, at);
    if (!at || at > until) break;
    changes.push([Math.round(at.getTime() / minuteMs), openingStateAt(value, at).state]);
  }
  return {
    from: start.getTime() / minuteMs,
    until: until.getTime() / minuteMs,
    initial: openingStateAt(value, start).state,
    changes,
  };
}
