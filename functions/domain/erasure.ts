import type { RevokedTicket, StatusChange } from '../store/registration-store.ts';
import { RegistrationConflict } from '../store/store-errors.ts';
import type { StaffAudit } from './audit.ts';
import { checkinCodeHash } from './checkin-code-hash.ts';
import type { RegistrationContext } from './registration-context.ts';
import { cancellation, lifecycle } from './registration-lifecycle.ts';
import type { Registration } from './registration-model.ts';
import { cancellationChanges } from './registrations.ts';
import { withRetries } from './retry.ts';
import { promoteWaitlisted } from './waitlist.ts';

/**
 * How long an erased ticket stays on the desks' revoked list: past the edition it was for (an
 * erasure that frees a seat is of the current edition), then the item expires with the table's TTL.
 */
export const revokedTicketDays = 180;

/** The erased ticket as the desks' revoked list names it: its code's hash, nothing of the person. */
const revokedTicket = async (code: string, at: string): Promise<RevokedTicket> => ({
  codeHash: await checkinCodeHash(code),
  expiresAt: Math.floor(Date.parse(at) / 1000) + revokedTicketDays * 86_400,
});

export type ErasureOutcome =
  | { kind: 'erased'; erasedAt: string; status: Registration['status']; promoted: number }
  | { kind: 'not_found' }
  | { kind: 'already_erased'; erasedAt: string };

export interface ErasureOptions {
  /**
   * Cancel a live registration first, so its seat goes to the waiting list (a registrant's or an
   * organizer's erasure). The retention rule keeps the status: the edition is over and its figures
   * are history.
   */
  freeSeat: boolean;
  /** An organizer's erasure is staff access: its entry goes in the erasure's transaction. */
  audit?: StaffAudit;
}

/**
 * Erases one registration's personal data from every item that holds it, in one transaction. The
 * one home of erasure: the registrant's own (manage link), an organizer's and the retention rule
 * all come here. With `freeSeat`, a live registration of the current edition that has not been
 * checked in is cancelled in the same transaction (the cancellation of the lifecycle table, without
 * a message: there is no address left to send it to), the oldest waiting registration takes a freed
 * seat, and it then counts as cancelled. A checked-in registration keeps its status: the attendance
 * happened and stays counted.
 */
export async function eraseRegistration(
  context: RegistrationContext,
  id: string,
  { freeSeat, audit }: ErasureOptions,
): Promise<ErasureOutcome> {
  const { store } = context;
  let forget: string[] = [];
  let freedSeatIn: string | undefined;
  const outcome = await withRetries<ErasureOutcome>(async (retry) => {
    const registration = (await store.get(id))?.registration;
    if (!registration) return { kind: 'not_found' };
    if (registration.erasedAt) return { kind: 'already_erased', erasedAt: registration.erasedAt };
    const at = context.now().toISOString();
    const changes = freeSeat ? await seatFreeingChanges(context, registration, at) : [];
    if (!changes) return retry;
    try {
      const { messageIds } = await store.erase({
        registration,
        changes,
        at,
        audit: audit?.entry({ registrationIds: [id] }),
        ...(freeSeat ? { revokedTicket: await revokedTicket(registration.code, at) } : {}),
      });
      forget = messageIds;
      const [cancel, ...promotions] = changes;
      freedSeatIn = cancel && registration.category;
      const status = cancel ? lifecycle[cancel.change].to : registration.status;
      return { kind: 'erased', erasedAt: at, status, promoted: promotions.length };
    } catch (error) {
      if (error instanceof RegistrationConflict) return retry;
      throw error;
    }
  });
  if (outcome.kind !== 'erased') {
    await audit?.record({ outcome: 'refused', registrationIds: [id] });
    return outcome;
  }
  if (forget.length) await context.mailCopies?.forget(forget);
  // As after any cancellation: a seat still free (the index lagged) goes to whoever waits.
  if (freedSeatIn) outcome.promoted += await promoteWaitlisted(context, freedSeatIn);
  return outcome;
}

/**
 * The registrant's cancellation and the promotion into the freed seat, as a cancellation writes them
 * but without the cancelled registrant's message; none when no seat is to be freed; undefined when
 * the category is gone from under us (read again).
 */
async function seatFreeingChanges(
  context: RegistrationContext,
  registration: Registration,
  at: string,
): Promise<StatusChange[] | undefined> {
  const change = cancellation[registration.status];
  if (!change || registration.checkedInAt || registration.edition !== context.edition.id) return [];
  const category = await context.store.getCategory(registration.edition, registration.category);
  if (!category) return undefined;
  return cancellationChanges(context, registration, change, { category, at, notify: false });
}
