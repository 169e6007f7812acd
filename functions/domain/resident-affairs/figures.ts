import { type RequestState, requestStates, type ServiceRequest } from './model.ts';
import { serviceOf, services } from './services.ts';

/** Wuzhen keeps China Standard Time all year (UTC+8, no daylight saving). */
const wuzhenOffsetMs = 8 * 3_600_000;
const dayMs = 86_400_000;

/** The week `now` falls in, Monday 00:00 to the next Monday 00:00 in Wuzhen. */
export function wuzhenWeek(now: Date): { start: Date; end: Date } {
  const local = new Date(now.getTime() + wuzhenOffsetMs);
  const daysSinceMonday = (local.getUTCDay() + 6) % 7;
  const localMidnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const start = localMidnight - daysSinceMonday * dayMs - wuzhenOffsetMs;
  return { start: new Date(start), end: new Date(start + 7 * dayMs) };
}

/** The middle value (the mean of the two middle ones for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export interface ServiceFigures {
  serviceCode: string;
  byState: Record<RequestState, number>;
  total: number;
}

/** What the public sees: counts and times only, never a request. */
export interface WeeklyFigures {
  weekStart: string;
  weekEnd: string;
  /** Every service of the catalogue, in its order, zeros included, so the table keeps its shape. */
  byService: ServiceFigures[];
  total: number;
  medianFirstResponseMinutes: number | null;
  /** How many first responses the median is taken over. */
  firstResponses: number;
  medianResolutionMinutes: number | null;
  resolutions: number;
}

const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

const zeroByState = () =>
  Object.fromEntries(requestStates.map((state) => [state, 0])) as Record<RequestState, number>;

/**
 * The week's figures over the requests submitted in it (the store lists them by submission date):
 * how many by service and state, and the median minutes from submission to the first response and
 * to resolution among those that have one. A request counts under its state now.
 */
export function weeklyFigures(
  requests: readonly Pick<
    ServiceRequest,
    'serviceCode' | 'state' | 'submittedAt' | 'firstResponseAt' | 'resolvedAt'
  >[],
  now: Date,
): WeeklyFigures {
  const week = wuzhenWeek(now);
  const inWeek = requests.filter((request) => {
    const submitted = Date.parse(request.submittedAt);
    return submitted >= week.start.getTime() && submitted < week.end.getTime();
  });
  const byCode = new Map(
    services.map((service) => [
      service.code,
      { serviceCode: service.code, byState: zeroByState(), total: 0 },
    ]),
  );
  for (const request of inWeek) {
    // Every catalogue code has its row; serviceOf reads a code no longer in it as "other".
    const figures = byCode.get(serviceOf(request).code) as ServiceFigures;
    figures.byState[request.state] += 1;
    figures.total += 1;
  }
  const firstResponseTimes = inWeek.flatMap((request) =>
    request.firstResponseAt ? [minutesBetween(request.submittedAt, request.firstResponseAt)] : [],
  );
  const resolutionTimes = inWeek.flatMap((request) =>
    request.resolvedAt ? [minutesBetween(request.submittedAt, request.resolvedAt)] : [],
  );
  return {
    weekStart: week.start.toISOString(),
    weekEnd: week.end.toISOString(),
    byService: [...byCode.values()],
    total: inWeek.length,
    medianFirstResponseMinutes: median(firstResponseTimes),
    firstResponses: firstResponseTimes.length,
    medianResolutionMinutes: median(resolutionTimes),
    resolutions: resolutionTimes.length,
  };
}
