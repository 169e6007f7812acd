import type { VenueStore } from '../store/venue-store.ts';
import { eraseRegistration } from './erasure.ts';
import type { RegistrationContext } from './registration-context.ts';

/** What the retention rule needs of an edition (content/editions/*.yaml). */
export interface RetentionPolicy {
  id: string;
  /** The last day of the edition, a calendar date in Wuzhen (Asia/Shanghai). */
  endDate: string;
  personalDataRetentionDays: number;
}

/** The conference's time zone has no daylight saving time: a day ends at 24:00 +08:00. */
const wuzhenOffset = '+08:00';
export const dayMs = 24 * 60 * 60 * 1000;

/** When the edition's personal data is due to go: the end of its last day in Wuzhen plus the retention period. */
export function retentionEndsAt(policy: RetentionPolicy): Date {
  const endOfLastDay = Date.parse(`${policy.endDate}T00:00:00${wuzhenOffset}`) + dayMs;
  return new Date(endOfLastDay + policy.personalDataRetentionDays * dayMs);
}

export interface ShredOptions {
  /** Count what would be anonymised, change nothing. */
  dryRun: boolean;
  /** Registrations read and anonymised per batch (one index query, then one transaction each). */
  batchSize: number;
  /** Batches per run; a run that stops here leaves the rest to the next run (`remaining`). */
  maxBatches: number;
}

export const defaultShredOptions: ShredOptions = { dryRun: false, batchSize: 25, maxBatches: 40 };

/** What one run did, with counts and times only: never a name, an address or an id of a person. */
export interface ShredReport {
  edition: string;
  dueAt: string;
  /** False before the retention period has passed: nothing was read or changed. */
  due: boolean;
  dryRun: boolean;
  /** Registrations not yet anonymised when the run started reading (dry run: all of them). */
  found: number;
  anonymised: number;
  batches: number;
  batchSize: number;
  /** More remain for the next run (the run reached maxBatches). */
  remaining: boolean;
  startedAt: string;
  finishedAt: string;
}

/**
 * The retention rule for one edition: once its period has passed, every registration of it is
 * anonymised by the one erasure function, keeping its status so the edition's figures stay as they
 * were. Idempotent (an anonymised registration is skipped; a second run finds nothing), in bounded
 * batches, and it touches only this edition's registrations, so registrations for another edition
 * may keep arriving meanwhile.
 */
export async function shredEdition(
  context: RegistrationContext,
  policy: RetentionPolicy,
  options: ShredOptions = defaultShredOptions,
): Promise<ShredReport> {
  const startedAt = context.now();
  const dueAt = retentionEndsAt(policy);
  const report: ShredReport = {
    edition: policy.id,
    dueAt: dueAt.toISOString(),
    due: startedAt >= dueAt,
    dryRun: options.dryRun,
    found: 0,
    anonymised: 0,
    batches: 0,
    batchSize: options.batchSize,
    remaining: false,
    startedAt: startedAt.toISOString(),
    finishedAt: startedAt.toISOString(),
  };
  if (report.due && options.dryRun) {
    for await (const registration of context.store.all(policy.id))
      if (!registration.erasedAt) report.found += 1;
  } else if (report.due) {
    const run = await inBatches(
      (limit) => context.store.unerased(policy.id, limit),
      async (registration) =>
        (await eraseRegistration(context, registration.id, { freeSeat: false })).kind === 'erased',
      options,
    );
    Object.assign(report, run);
  }
  report.finishedAt = context.now().toISOString();
  return report;
}

/** What a rule run in batches did. */
export interface BatchRun {
  batches: number;
  /** Candidates read. */
  found: number;
  anonymised: number;
  /** More remain for the next run (the run reached maxBatches). */
  remaining: boolean;
}

/**
 * Runs a retention rule in bounded batches: reads up to `batchSize` candidates (`next`), anonymises
 * each (`each` says whether it did), until none is left or `maxBatches` ran, then says whether any
 * remain. The index lags behind the table: a batch in which nothing was anonymised ends the run.
 */
export async function inBatches<T>(
  next: (limit: number) => Promise<readonly T[]>,
  each: (candidate: T) => Promise<boolean>,
  { batchSize, maxBatches }: Pick<ShredOptions, 'batchSize' | 'maxBatches'>,
): Promise<BatchRun> {
  const run: BatchRun = { batches: 0, found: 0, anonymised: 0, remaining: false };
  for (;;) {
    if (run.batches === maxBatches) {
      run.remaining = (await next(1)).length > 0;
      return run;
    }
    const batch = await next(batchSize);
    if (!batch.length) return run;
    run.batches += 1;
    run.found += batch.length;
    let anonymisedNow = 0;
    for (const candidate of batch) if (await each(candidate)) anonymisedNow += 1;
    run.anonymised += anonymisedNow;
    if (!anonymisedNow) return run;
  }
}

/** The retention rule over every edition: what the schedule, the local start and `npm run shred` run. */
export async function applyRetention(
  context: RegistrationContext,
  policies: readonly RetentionPolicy[],
  options: ShredOptions = defaultShredOptions,
): Promise<ShredReport[]> {
  const reports: ShredReport[] = [];
  for (const policy of policies) reports.push(await shredEdition(context, policy, options));
  return reports;
}

/** What one run of the reviews' retention rule did: counts and times only. */
export interface ReviewShredReport {
  /** Reviews posted before this instant are anonymised. */
  postedBefore: string;
  anonymised: number;
  batches: number;
  remaining: boolean;
}

/**
 * Reviews carry no edition, so they follow the current edition's period counted from when each was
 * posted: a review older than `retentionDays` loses its author and comment and is no longer listed;
 * its rating stays in the venue's totals. Idempotent and in bounded batches, as for registrations.
 */
export async function shredReviews(
  deps: { store: VenueStore; now: () => Date },
  retentionDays: number,
  options: Pick<ShredOptions, 'batchSize' | 'maxBatches'> = defaultShredOptions,
): Promise<ReviewShredReport> {
  const postedBefore = new Date(deps.now().getTime() - retentionDays * dayMs);
  const report = { postedBefore: postedBefore.toISOString(), anonymised: 0, batches: 0, remaining: false };
  while (report.batches < options.maxBatches) {
    const anonymised = await deps.store.anonymiseReviewsBefore(postedBefore, options.batchSize);
    report.anonymised += anonymised;
    if (anonymised === 0) return report;
    report.batches += 1;
  }
  report.remaining = true;
  return report;
}
