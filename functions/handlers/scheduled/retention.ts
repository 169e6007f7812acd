import { currentEdition, loadEditions } from '../../../content/load.ts';
import { shredResidentAffairs } from '../../domain/resident-affairs/retention.ts';
import { applyRetention, defaultShredOptions, shredReviews } from '../../domain/retention.ts';
import { registrationContexts, residentAffairsRetention, venueDependencies } from '../wiring.ts';

const contextFor = registrationContexts();

/**
 * Run by EventBridge Scheduler (infra/constructs/retention.ts): anonymises the registrations of every
 * edition whose retention period has passed, and reviews older than the current edition's period,
 * from the editions copied next to this bundle, and closed resident-affairs requests past their
 * period (RESIDENT_AFFAIRS_RETENTION_DAYS) with their photos, and uploads never attached. Each run is bounded; what remains is left to the
 * next. Its log lines carry counts and times only.
 */
export async function handler() {
  const editions = await loadEditions();
  const reports = await applyRetention(await contextFor(), editions);
  for (const report of reports.filter(({ due }) => due)) {
    console.log(JSON.stringify({ message: 'retention rule applied', ...report }));
  }
  const reviews = await shredReviews(venueDependencies(), currentEdition(editions).personalDataRetentionDays);
  console.log(JSON.stringify({ message: 'retention rule applied to reviews', ...reviews }));
  const { dependencies, retentionDays } = residentAffairsRetention();
  const affairs = await shredResidentAffairs(dependencies, retentionDays, defaultShredOptions);
  console.log(JSON.stringify({ message: 'retention rule applied to resident affairs', ...affairs }));
  return { editions: reports, reviews, affairs };
}
