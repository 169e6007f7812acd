import { open311Status } from './lifecycle.ts';
import { type RequestState, requestStates } from './model.ts';

/** GeoReport v2: "Default query limit is a span of 90 days or first 1000 requests returned, whichever is smallest." */
export const listWindowDays = 90;
export const maxListedRequests = 1000;

const dayMs = 86_400_000;

export type RequestsWindow =
  | { kind: 'window'; from: Date; to: Date }
  | { kind: 'invalid'; path: string; message: string };

/**
 * The submission-time window of requests.json: the last 90 days by default, from start_date or to
 * end_date for 90 days when only one is given, and never more than 90 days (the spec's bound, which
 * also bounds what one listing reads).
 */
export function requestsWindow(query: { start_date?: string; end_date?: string }, now: Date): RequestsWindow {
  const span = listWindowDays * dayMs;
  const start = query.start_date === undefined ? undefined : Date.parse(query.start_date);
  const end = query.end_date === undefined ? undefined : Date.parse(query.end_date);
  const to = end ?? (start === undefined ? now.getTime() : Math.min(start + span, now.getTime()));
  const from = start ?? to - span;
  if (from > to) {
    return end === undefined
      ? { kind: 'invalid', path: 'start_date', message: 'must not be in the future' }
      : { kind: 'invalid', path: 'end_date', message: 'must not be before start_date' };
  }
  if (to - from > span) {
    return {
      kind: 'invalid',
      path: 'end_date',
      message: `the dates may span at most ${listWindowDays} days`,
    };
  }
  return { kind: 'window', from: new Date(from), to: new Date(to) };
}

/** Open311's `status` filter in our states: open is everything until resolved. */
export const statesOfStatus = (status: 'open' | 'closed'): RequestState[] =>
  requestStates.filter((state) => open311Status(state) === status);
