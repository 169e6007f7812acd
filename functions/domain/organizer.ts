import type { CategoryState, RegistrationQuery } from '../store/registration-store.ts';
import { RegistrationConflict } from '../store/store-errors.ts';
import type { StaffAudit } from './audit.ts';
import { normalizeCheckinCode } from './checkin-code.ts';
import { hostCountry } from './countries.ts';
import type { RegistrationContext } from './registration-context.ts';
import { lifecycle } from './registration-lifecycle.ts';
import { statusChange } from './registration-messages.ts';
import { noReceiptVersion, type Registration } from './registration-model.ts';
import { withRetries } from './retry.ts';
import { seatOpenForNewcomer } from './seat-rules.ts';
import { isSignedCode, signedCodeFields } from './signed-checkin-code.ts';
import { promoteWaitlisted } from './waitlist.ts';

export type DecisionOutcome =
  /** `promoted`: waiting registrations given a seat after an approval joined the waiting list. */
  | { kind: 'done'; registration: Registration; promoted: number }
  | { kind: 'not_found' }
  | { kind: 'not_pending'; status: Registration['status'] };

/** An approval that found no free seat and, asked to, left the registration waiting for approval. */
export type NoSeat = { kind: 'no_seat' };

/**
 * What an approval does when no seat is free: put the registration on the waiting list (a single
 * decision), or refuse and leave it pending (bulk decisions, by default: a batch should not fill
 * the waiting list unasked).
 */
export type WhenFull = 'waitlist' | 'refuse';

/**
 * Approves a registration that waits for approval: it takes a seat if one is free, else joins the
 * waiting list, or, with `whenFull` 'refuse', stays pending. The seat is judged again inside the
 * change's transaction, so under contention no approval takes a seat that another took. Like every
 * staff use case here, it writes the audit entry with the change, or, when nothing changes, records
 * the refused attempt before answering.
 */
export function approve(
  context: RegistrationContext,
  id: string,
  audit: StaffAudit,
): Promise<DecisionOutcome>;
export function approve(
  context: RegistrationContext,
  id: string,
  audit: StaffAudit,
  whenFull: WhenFull,
): Promise<DecisionOutcome | NoSeat>;
export function approve(
  context: RegistrationContext,
  id: string,
  audit: StaffAudit,
  whenFull: WhenFull = 'waitlist',
): Promise<DecisionOutcome | NoSeat> {
  return decide(context, id, 'approve', audit, whenFull);
}

export function reject(
  context: RegistrationContext,
  id: string,
  audit: StaffAudit,
): Promise<DecisionOutcome> {
  return decide(context, id, 'reject', audit);
}

function decide(
  context: RegistrationContext,
  id: string,
  decision: 'approve' | 'reject',
  audit: StaffAudit,
): Promise<DecisionOutcome>;
function decide(
  context: RegistrationContext,
  id: string,
  decision: 'approve' | 'reject',
  audit: StaffAudit,
  whenFull: WhenFull,
): Promise<DecisionOutcome | NoSeat>;
async function decide(
  context: RegistrationContext,
  id: string,
  decision: 'approve' | 'reject',
  audit: StaffAudit,
  whenFull: WhenFull = 'waitlist',
): Promise<DecisionOutcome | NoSeat> {
  const { store, edition } = context;
  const outcome = await withRetries<DecisionOutcome | NoSeat>(async (retry) => {
    const registration = (await store.get(id))?.registration;
    if (!registration || registration.edition !== edition.id) return { kind: 'not_found' };
    if (registration.status !== 'pending_approval')
      return { kind: 'not_pending', status: registration.status };
    const category = await store.getCategory(edition.id, registration.category);
    if (!category) return { kind: 'not_found' };
    const at = context.now().toISOString();
    const change =
      decision === 'reject'
        ? 'reject'
        : seatOpenForNewcomer(category)
          ? 'approve_confirmed'
          : 'approve_waitlisted';
    if (change === 'approve_waitlisted' && whenFull === 'refuse') return { kind: 'no_seat' };
    const decided: Registration = { ...registration, status: lifecycle[change].to, updatedAt: at };
    try {
      await store.transition({
        changes: [statusChange(change, registration, { category, edition, at })],
        at,
        audit: audit.entry({ registrationIds: [id] }),
      });
      return { kind: 'done', registration: decided, promoted: 0 };
    } catch (error) {
      if (error instanceof RegistrationConflict) return retry;
      throw error;
    }
  });
  if (outcome.kind !== 'done') await audit.record({ outcome: 'refused', registrationIds: [id] });
  if (outcome.kind === 'done' && outcome.registration.status === 'waitlisted') {
    outcome.promoted = await promoteWaitlisted(context, outcome.registration.category);
  }
  return outcome;
}

export type CapacityOutcome =
  /** `promoted`: waiting registrations given the new seats. */
  | { kind: 'done'; category: CategoryState; promoted: number }
  | { kind: 'not_found' }
  | { kind: 'below_confirmed'; confirmed: number };

/** Changes a category's capacity; new seats go to the waiting list at once, oldest first. */
export async function setCapacity(
  context: RegistrationContext,
  categoryId: string,
  capacity: number,
  audit: StaffAudit,
): Promise<CapacityOutcome> {
  const { store, edition } = context;
  const details = { target: categoryId, filter: { capacity: String(capacity) } };
  const category = await store.getCategory(edition.id, categoryId);
  if (!category) {
    await audit.record({ ...details, outcome: 'refused' });
    return { kind: 'not_found' };
  }
  try {
    await store.setCapacity(edition.id, categoryId, capacity, audit.entry(details));
  } catch (error) {
    if (!(error instanceof RegistrationConflict)) throw error;
    await audit.record({ ...details, outcome: 'refused' });
    const now = await store.getCategory(edition.id, categoryId);
    return { kind: 'below_confirmed', confirmed: now?.confirmed ?? category.confirmed };
  }
  const promoted = await promoteWaitlisted(context, categoryId);
  const updated = await store.getCategory(edition.id, categoryId);
  return updated ? { kind: 'done', category: updated, promoted } : { kind: 'not_found' };
}

export type CheckInOutcome =
  /** `replay`: the answer to a retry (same nonce) of a check-in made earlier, which changed nothing. */
  | { kind: 'checked_in'; checkedInAt: string; registration: Registration; replay?: true }
  /** `nonce`: the one its check-in was made with, if the desk sent one (an offline scan always does). */
  | { kind: 'already_checked_in'; firstCheckedInAt: string; registration: Registration; nonce?: string }
  | { kind: 'not_confirmed'; registration: Registration }
  | { kind: 'unknown_code' };

/**
 * The 9-symbol code a desk sent: a ticket's signed code (read from its QR code) for this edition, or
 * the code typed by hand, as before signed codes.
 */
function checkinCodeOf(input: string, edition: string): string | undefined {
  if (!isSignedCode(input)) return normalizeCheckinCode(input);
  const fields = signedCodeFields(input);
  return fields?.edition === edition ? fields.code : undefined;
}

/**
 * Records that a person arrived, at most once. Scanning the same code again tells when they first
 * came; repeating a request with the same nonce (a retry after a lost answer) gets the first answer.
 */
export async function checkIn(
  context: RegistrationContext,
  codeInput: string,
  nonce: string | undefined,
  audit: StaffAudit,
): Promise<CheckInOutcome> {
  const outcome = await checkInOnce(context, codeInput, { nonce, at: context.now().toISOString() }, audit);
  // A check-in made now wrote its entry with the change; every other answer is recorded here.
  if (outcome.kind !== 'checked_in' || outcome.replay) {
    await audit.record({
      outcome: outcome.kind === 'checked_in' ? 'succeeded' : 'refused',
      registrationIds: outcome.kind === 'unknown_code' ? [] : [outcome.registration.id],
    });
  }
  return outcome;
}

/**
 * The check-in itself, at `at` (now at a desk online; an offline scan's own time when a desk uploads
 * it), with its entry in the change's transaction; the caller records every other answer. Without
 * `audit`, the caller recorded the entry before (an upload of scans: offline-checkin.ts).
 */
export async function checkInOnce(
  context: RegistrationContext,
  codeInput: string,
  { nonce, at }: { nonce: string | undefined; at: string },
  audit: StaffAudit | undefined,
): Promise<CheckInOutcome> {
  const code = checkinCodeOf(codeInput, context.edition.id);
  if (!code) return { kind: 'unknown_code' };
  const id = await context.store.findIdByCode(code);
  if (!id) return { kind: 'unknown_code' };
  return withRetries<CheckInOutcome>(async (retry) => {
    const stored = await context.store.get(id);
    if (!stored || stored.registration.edition !== context.edition.id) return { kind: 'unknown_code' };
    const { registration } = stored;
    if (registration.checkedInAt) {
      return nonce && stored.checkinNonce === nonce
        ? { kind: 'checked_in', checkedInAt: registration.checkedInAt, registration, replay: true }
        : {
            kind: 'already_checked_in',
            firstCheckedInAt: registration.checkedInAt,
            registration,
            ...(stored.checkinNonce ? { nonce: stored.checkinNonce } : {}),
          };
    }
    if (registration.status !== 'confirmed') return { kind: 'not_confirmed', registration };
    try {
      await context.store.transition({
        changes: [{ registration, change: 'check_in' }],
        at,
        checkinNonce: nonce,
        ...(audit ? { audit: audit.entry({ registrationIds: [registration.id] }) } : {}),
      });
      return { kind: 'checked_in', checkedInAt: at, registration: { ...registration, checkedInAt: at } };
    } catch (error) {
      if (error instanceof RegistrationConflict) return retry;
      throw error;
    }
  });
}

export function listRegistrations(context: RegistrationContext, query: Omit<RegistrationQuery, 'edition'>) {
  return context.store.list({ ...query, edition: context.edition.id });
}

export interface Statistics {
  categories: Record<
    string,
    Pick<CategoryState, 'capacity' | 'confirmed' | 'waitlisted' | 'pending' | 'checkedIn'>
  >;
  /** Live registrations (confirmed, waiting or awaiting approval) per country. */
  byCountry: Record<string, number>;
  /** The share of live registrations from outside the host country, 0 to 1. */
  overseasShare: number;
  checkedIn: number;
  /** Live registrations per privacy notice version agreed to: who agreed to which, after a change. */
  byNoticeVersion: Record<string, number>;
}

export async function statistics(context: RegistrationContext): Promise<Statistics> {
  const categories = await context.store.listCategories(context.edition.id);
  const byCountry: Record<string, number> = {};
  const byNoticeVersion: Record<string, number> = {};
  let live = 0;
  let overseas = 0;
  for await (const registration of context.store.all(context.edition.id)) {
    if (registration.status === 'cancelled' || registration.status === 'rejected') continue;
    live += 1;
    if (registration.country !== hostCountry) overseas += 1;
    byCountry[registration.country] = (byCountry[registration.country] ?? 0) + 1;
    const version = registration.consent?.noticeVersion ?? noReceiptVersion;
    byNoticeVersion[version] = (byNoticeVersion[version] ?? 0) + 1;
  }
  return {
    categories: Object.fromEntries(
      categories.map(({ id, capacity, confirmed, waitlisted, pending, checkedIn }) => [
        id,
        { capacity, confirmed, waitlisted, pending, checkedIn },
      ]),
    ),
    byCountry,
    overseasShare: live ? overseas / live : 0,
    checkedIn: categories.reduce((sum, category) => sum + category.checkedIn, 0),
    byNoticeVersion,
  };
}
