import { ResidentAffairsConflict } from '../../store/store-errors.ts';
import { dayMs, inBatches } from '../retention.ts';
import { type AnonymiseDependencies, anonymiseRequest } from './anonymise.ts';
import { stagedUploadMs } from './submit-request.ts';

/** What one run did: counts and times only, never an id or a word of a request. */
export interface AffairsRetentionReport {
  /** Requests closed before this instant are anonymised. */
  closedBefore: string;
  anonymised: number;
  photosRemoved: number;
  messagesRemoved: number;
  /** Uploads never attached, older than a day, removed. */
  stagedRemoved: number;
  batches: number;
  /** More remain for the next run (the run reached maxBatches). */
  remaining: boolean;
}

/**
 * The retention rule of resident affairs: a request closed (resolved or closed) more than
 * `retentionDays` ago loses its personal data, its photos and its e-mails (anonymiseRequest); the
 * town's figures keep counting it. Idempotent (an anonymised request leaves the closed index) and in
 * bounded batches; uploads never attached are removed after a day.
 */
export async function shredResidentAffairs(
  deps: AnonymiseDependencies,
  retentionDays: number,
  { batchSize, maxBatches }: { batchSize: number; maxBatches: number },
): Promise<AffairsRetentionReport> {
  const now = deps.now();
  const closedBefore = new Date(now.getTime() - retentionDays * dayMs).toISOString();
  const report: AffairsRetentionReport = {
    closedBefore,
    anonymised: 0,
    photosRemoved: 0,
    messagesRemoved: 0,
    stagedRemoved: 0,
    batches: 0,
    remaining: false,
  };
  const run = await inBatches(
    (limit) => deps.store.closedBefore(closedBefore, limit),
    async (request) => {
      try {
        const removed = await anonymiseRequest(deps, request);
        report.photosRemoved += removed.photosRemoved;
        report.messagesRemoved += removed.messagesRemoved;
        return true;
      } catch (error) {
        // Reopened or anonymised since it was read: the next run sees it as it is then.
        if (!(error instanceof ResidentAffairsConflict)) throw error;
        return false;
      }
    },
    { batchSize, maxBatches },
  );
  report.anonymised = run.anonymised;
  report.batches = run.batches;
  report.remaining = run.remaining;
  report.stagedRemoved = await deps.photos.removeStagedBefore(new Date(now.getTime() - stagedUploadMs));
  return report;
}
