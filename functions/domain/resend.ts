import { RegistrationConflict } from '../store/store-errors.ts';
import type { StaffAudit } from './audit.ts';
import { generateManageToken, hashManageToken } from './manage-token.ts';
import type { RegistrationContext } from './registration-context.ts';
import { holdsEmailClaim } from './registration-lifecycle.ts';
import { messageFor } from './registration-messages.ts';
import type { OutboxKind, RegistrationStatus } from './registration-model.ts';
import { manageUrl } from './registrations.ts';
import { withRetries } from './retry.ts';

/**
 * How long after a resend the same registration's message cannot be sent again: a double click or
 * a second organizer on the same row queues one message, not two.
 */
export const resendIntervalSeconds = 60;

/**
 * The message a resend sends: the one the registration's status implies, which says what is true
 * now. Not the latest copy in the outbox: copies expire a week after they are sent (older
 * registrations kept none), and the latest may be an "someone tried to register your address again"
 * notice, which is not what a registrant who lost their ticket needs.
 */
export const resentKind: Record<RegistrationStatus, OutboxKind> = {
  confirmed: 'confirmed',
  waitlisted: 'waitlisted',
  pending_approval: 'pending_approval',
  rejected: 'rejected',
  cancelled: 'cancelled',
};

export type ResendOutcome =
  /** `newManageLink`: the message carries a new manage link; the old one stopped working. */
  | { kind: 'queued'; messageId: string; messageKind: OutboxKind; newManageLink: boolean }
  | { kind: 'not_found' }
  | { kind: 'erased'; erasedAt: string }
  | { kind: 'too_soon'; retryAfterSeconds: number };

/**
 * Queues again, through the outbox, the message that tells a registrant where their registration
 * stands. While there is a registration to manage, the message carries a NEW manage link: the
 * portal keeps only the old token's hash, so it cannot repeat the old link, and a registrant who
 * lost the first e-mail lost the link with it (docs/messages.md says why the old link stops working).
 */
export async function resendLastMessage(
  context: RegistrationContext,
  id: string,
  audit: StaffAudit,
): Promise<ResendOutcome> {
  const { store, edition } = context;
  const outcome = await withRetries<ResendOutcome>(async (retry) => {
    const registration = (await store.get(id))?.registration;
    if (!registration || registration.edition !== edition.id) return { kind: 'not_found' };
    if (registration.erasedAt) return { kind: 'erased', erasedAt: registration.erasedAt };
    const category = await store.getCategory(edition.id, registration.category);
    if (!category) return { kind: 'not_found' };
    const now = context.now();
    const at = now.toISOString();
    const token = holdsEmailClaim(registration.status) ? generateManageToken() : undefined;
    const kind = resentKind[registration.status];
    const message = {
      ...messageFor(kind, registration, {
        category,
        edition,
        at,
        ...(token ? { manageUrl: manageUrl(context, registration, token) } : {}),
      }),
      resent: true as const,
    };
    try {
      await store.resend({
        message,
        status: registration.status,
        ...(token ? { manageTokenHash: hashManageToken(token) } : {}),
        once: {
          key: `resend#${id}`,
          until: new Date(now.getTime() + resendIntervalSeconds * 1000).toISOString(),
        },
        audit: audit.entry({ registrationIds: [id] }),
      });
      return { kind: 'queued', messageId: message.id, messageKind: kind, newManageLink: Boolean(token) };
    } catch (error) {
      if (!(error instanceof RegistrationConflict)) throw error;
      if (error.reason === 'already_queued')
        return { kind: 'too_soon', retryAfterSeconds: resendIntervalSeconds };
      // Its status moved (or it was erased) since it was read: read it again.
      return retry;
    }
  });
  if (outcome.kind !== 'queued') await audit.record({ outcome: 'refused', registrationIds: [id] });
  return outcome;
}
