import { currentEdition, loadEditions, loadPrivacyNotice, loadVenues } from '../../../content/load.ts';
import { seedContent } from '../../domain/seed.ts';
import { seedStores } from '../wiring.ts';

/**
 * Runs once per deployment (a CDK trigger): upserts the venues and the current edition from the
 * content copied next to this bundle, and removes the venues no longer in it, with their reviews.
 * A failure fails the deployment, so bad content never goes live half-seeded; the next run
 * finishes a removal it stopped.
 */
export async function handler() {
  const seeded = await seedContent(seedStores(), {
    venues: await loadVenues(),
    currentEdition: currentEdition(await loadEditions()),
    privacyNotice: await loadPrivacyNotice(),
  });
  console.log(JSON.stringify({ message: 'content seeded', ...seeded }));
  return seeded;
}
