import type { RegistrationContext } from './registration-context.ts';
import { messageFor } from './registration-messages.ts';

/**
 * How often the holder of an address hears that someone tried to register it again: once a day
 * is enough to notice probing, and too rare to flood anyone's inbox with it.
 */
export const repeatedAttemptNoticeHours = 24;

/**
 * Tells the holder of an address that someone tried to register it again. The answer to the
 * attempt (409) says the address is taken; this makes every such probe visible to the person
 * probed for, as a new address is probed only by registering it, which mails its owner too.
 */
export async function tellHolderOfRepeatedAttempt(
  context: RegistrationContext,
  email: string,
): Promise<void> {
  const { store, edition } = context;
  const id = await store.findIdByEmail(edition.id, email);
  const stored = id ? await store.get(id) : undefined;
  // Cancelled since the attempt: the address is free again and there is no one to tell.
  if (!stored) return;
  const { registration } = stored;
  const category = await store.getCategory(edition.id, registration.category);
  if (!category) return;
  const now = context.now();
  await store.queueOnce(
    messageFor('already_registered', registration, { category, edition, at: now.toISOString() }),
    {
      key: `already_registered#${registration.id}`,
      until: new Date(now.getTime() + repeatedAttemptNoticeHours * 3_600_000).toISOString(),
    },
  );
}
