import type { EditableFields } from '../store/registration-store.ts';
import { RegistrationConflict } from '../store/store-errors.ts';
import type { AuditDetails, StaffAudit } from './audit.ts';
import type { RegistrationContext } from './registration-context.ts';
import { holdsEmailClaim } from './registration-lifecycle.ts';
import type { Registration, RegistrationStatus } from './registration-model.ts';
import { withRetries } from './retry.ts';

/** An organizer's correction: the fields to set (an empty organisation removes it) and why. */
export interface RegistrationCorrection {
  changes: Partial<Record<keyof EditableFields, string>>;
  /** Staff text for the audit trail: why the registration was changed. */
  reason: string;
}

export type EditOutcome =
  /** `fields`: the names of the fields whose values changed (none when each already had its value). */
  | { kind: 'edited'; registration: Registration; fields: Array<keyof EditableFields> }
  | { kind: 'not_found' }
  | { kind: 'erased'; erasedAt: string }
  /** Cancelled or rejected: it holds no e-mail address any more and nothing to correct for the event. */
  | { kind: 'not_live'; status: RegistrationStatus }
  | { kind: 'email_taken' };

/** The requested values that differ from the registration's, an empty organisation as none. */
function changedValues(registration: Registration, { changes }: RegistrationCorrection) {
  const wanted: Partial<EditableFields> = { ...changes };
  if ('organization' in changes) wanted.organization = changes.organization || undefined;
  return Object.fromEntries(
    Object.entries(wanted).filter(([field, value]) => registration[field as keyof EditableFields] !== value),
  ) as Partial<EditableFields>;
}

/**
 * Corrects a live registration of the current edition. Its e-mail address stays unique in the
 * edition: the store moves the address's claim in the same transaction. The audit entry names the
 * fields changed, never their old or new values, with the organizer's reason.
 */
export async function editRegistration(
  context: RegistrationContext,
  id: string,
  correction: RegistrationCorrection,
  audit: StaffAudit,
): Promise<EditOutcome> {
  const details = (fields: readonly string[]): AuditDetails => ({
    registrationIds: [id],
    filter: { fields: fields.join(','), reason: correction.reason },
  });
  const outcome = await withRetries<EditOutcome>(async (retry) => {
    const registration = (await context.store.get(id))?.registration;
    if (!registration || registration.edition !== context.edition.id) return { kind: 'not_found' };
    if (registration.erasedAt) return { kind: 'erased', erasedAt: registration.erasedAt };
    if (!holdsEmailClaim(registration.status)) return { kind: 'not_live', status: registration.status };
    const changes = changedValues(registration, correction);
    const fields = Object.keys(changes) as Array<keyof EditableFields>;
    if (!fields.length) return { kind: 'edited', registration, fields };
    const at = context.now().toISOString();
    try {
      await context.store.edit({ registration, changes, at, audit: audit.entry(details(fields)) });
    } catch (error) {
      if (!(error instanceof RegistrationConflict)) throw error;
      if (error.reason === 'email_taken') return { kind: 'email_taken' };
      return retry;
    }
    const edited: Registration = { ...registration, ...changes, updatedAt: at };
    if (!edited.organization) delete edited.organization;
    return { kind: 'edited', registration: edited, fields };
  });
  // A change wrote its entry with it; an answer that changed nothing is recorded here.
  if (outcome.kind !== 'edited') {
    await audit.record({ ...details(Object.keys(correction.changes)), outcome: 'refused' });
  } else if (!outcome.fields.length) {
    await audit.record(details([]));
  }
  return outcome;
}
