import { loadEditions } from '../../../content/load.ts';
import { applyRetention } from '../../domain/retention.ts';
import { registrationContexts } from '../wiring.ts';

const contextFor = registrationContexts();

/**
 * Run by EventBridge Scheduler (infra/constructs/retention.ts): anonymises the registrations of every
 * edition whose retention period has passed, from the editions copied next to this bundle. Each run
 * is bounded; what remains is left to the next. Its log lines carry counts and times only.
 */
export async function handler() {
  const reports = await applyRetention(await contextFor(), await loadEditions());
  for (const report of reports.filter(({ due }) => due)) {
    console.log(JSON.stringify({ message: 'retention rule applied', ...report }));
  }
  return reports;
}
