import { RegistrationConflict } from '../store/store-errors.ts';
import type { RegistrationContext } from './registration-context.ts';
import { statusChange } from './registration-messages.ts';
import { withRetries } from './retry.ts';
import { seatFreeForWaitlist } from './seat-rules.ts';

/** The waiting-list index is eventually consistent: a just-written entry may take a moment to show. */
const indexLagRetries = 5;

/**
 * Gives free seats to the oldest waiting registrations, one transaction each, until no seat is free
 * or nobody waits. Every change that frees a seat or adds one ends with it, so a seat never stays
 * free while someone waits, even after a crash between two steps.
 */
export async function promoteWaitlisted(context: RegistrationContext, categoryId: string): Promise<number> {
  const { store, edition } = context;
  let promoted = 0;
  let misses = 0;
  for (;;) {
    const category = await store.getCategory(edition.id, categoryId);
    if (!category || !seatFreeForWaitlist(category)) return promoted;
    const oldest = await store.oldestWaitlisted(edition.id, categoryId);
    if (oldest?.status !== 'waitlisted') {
      if (++misses > indexLagRetries) return promoted;
      await new Promise((resolve) => setTimeout(resolve, 20 * misses));
      continue;
    }
    const at = context.now().toISOString();
    const done = await withRetries(async () => {
      try {
        await store.transition({ changes: [statusChange('promote', oldest, { category, edition, at })], at });
        return true;
      } catch (error) {
        if (error instanceof RegistrationConflict) return false;
        throw error;
      }
    });
    if (done) promoted += 1;
  }
}
