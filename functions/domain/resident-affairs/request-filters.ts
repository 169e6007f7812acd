import { open311Status } from './lifecycle.ts';
import { type RequestState, requestStates } from './model.ts';

/** GeoReport v2: "Default query limit is a span of 90 days or first 1000 requests returned, whichever is smallest." */
export const listWindowDays = 90;
export const maxListedRequests = 1000;

const dayMs = 86_400_000;

export interface RequestsWindow {
  from: Date;
  /** Before `from` when nothing can match (dates reversed, or a start in the future): an empty list. */
  to: Date;
}

/**
 * The submission-time window of requests.json: the last 90 days by default, from start_date or to
 * end_date for 90 days when only one is given, and never more than 90 days: a wider range is cut to
 * its newest 90 days, as GeoReport v2 limits a query rather than refusing it (which also bounds what
 * one listing reads). Dates that cannot hold anything give a window that holds nothing.
 */
export function requestsWindow(query: { start_date?: string; end_date?: string }, now: Date): RequestsWindow {
  const span = listWindowDays * dayMs;
  const start = query.start_date === undefined ? undefined : Date.parse(query.start_date);
  const end = query.end_date === undefined ? undefined : Date.parse(query.end_date);
  const to = end ?? (start === undefined ? now.getTime() : Math.min(start + span, now.getTime()));
  const from = Math.max(start ?? Number.NEGATIVE_INFINITY, to - span);
  return { from: new Date(from), to: new Date(to) };
}

/** Open311's `status` filter in our states: open is everything until resolved. */
export const statesOfStatus = (status: 'open' | 'closed'): RequestState[] =>
  requestStates.filter((state) => open311Status(state) === status);
