import { isoInZone } from '../../program.ts';

/**
 * "2020-12-14 08:00": an instant ("2020-12-14T09:00:00+01:00") as a wall clock in `timeZone`, the
 * form session starts are written in.
 */
export function wallClock(instant: string, timeZone: string): string {
  return isoInZone(Date.parse(instant), timeZone).slice(0, 16).replace('T', ' ');
}
