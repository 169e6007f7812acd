import type { ShredReport } from '../functions/domain/retention.ts';

/** One line per edition for people (the local start, `npm run shred`): counts and times only. */
export function describeShredReport(report: ShredReport): string {
  if (!report.due)
    return `edition ${report.edition}: personal data kept until ${report.dueAt}; nothing changed`;
  if (report.dryRun) {
    return `edition ${report.edition}: past its retention period (${report.dueAt}); ${report.found} registrations would be anonymised (dry run, nothing changed)`;
  }
  return (
    `edition ${report.edition}: past its retention period (${report.dueAt}); ${report.anonymised} registrations ` +
    `anonymised in ${report.batches} batches of up to ${report.batchSize}` +
    (report.remaining ? '; more remain for the next run' : '')
  );
}
