import type { CategoryState, StatusChange } from '../store/registration-store.ts';
import { RegistrationConflict } from '../store/store-errors.ts';
import { generateCheckinCode } from './checkin-code-generator.ts';
import { consentReceipt, noticeVersionProblem } from './consent-receipt.ts';
import { type IdempotencyRecord, type IdempotencyRequest, runOnce, sealResponse } from './idempotency.ts';
import { newId } from './ids.ts';
import { generateManageToken, hashManageToken, manageTokenMatches } from './manage-token.ts';
import type { RegistrationContext } from './registration-context.ts';
import type { RegistrationInput } from './registration-input.ts';
import { cancellation, lifecycle, type RegisterChange } from './registration-lifecycle.ts';
import { messageFor, statusChange } from './registration-messages.ts';
import type { Registration, RegistrationStatus } from './registration-model.ts';
import { tellHolderOfRepeatedAttempt } from './repeated-registration.ts';
import { withRetries } from './retry.ts';
import { seatOpenForNewcomer } from './seat-rules.ts';
import { promoteWaitlisted } from './waitlist.ts';

export interface RegistrationCreated {
  id: string;
  code: string;
  status: Extract<RegistrationStatus, 'confirmed' | 'waitlisted' | 'pending_approval'>;
  manageToken: string;
  manageUrl: string;
}

export type RegisterOutcome =
  /** `promoted`: waiting registrations given a seat afterwards (a seat freed meanwhile). */
  | { kind: 'created'; response: RegistrationCreated; promoted: number }
  | { kind: 'replayed'; response: RegistrationCreated }
  | { kind: 'unknown_category' }
  | { kind: 'stale_notice'; detail: string }
  | { kind: 'closed'; detail: string }
  | { kind: 'email_taken' }
  | { kind: 'key_reused' }
  | { kind: 'in_flight' };

/** Why a category does not take registrations at this moment, or undefined while it does. */
export function registrationWindowProblem(
  category: Pick<CategoryState, 'opensAt' | 'closesAt'>,
  now: Date,
): string | undefined {
  if (category.opensAt && now < new Date(category.opensAt))
    return `Registration opens at ${category.opensAt}.`;
  if (category.closesAt && now > new Date(category.closesAt))
    return `Registration closed at ${category.closesAt}.`;
  return undefined;
}

/** The link that opens the manage page with its token, for the message that hands it out. */
export function manageUrl(context: RegistrationContext, registration: Registration, token: string): string {
  const localePrefix = registration.language === 'zh' ? '/zh' : '';
  // The token travels in the fragment, which browsers never send to a server or put in logs.
  return `${context.siteOrigin}${localePrefix}/registration/#${registration.id}.${token}`;
}

export async function register(
  context: RegistrationContext,
  input: RegistrationInput,
  idempotency?: IdempotencyRequest,
): Promise<RegisterOutcome> {
  return runOnce<RegisterOutcome, RegistrationCreated>(
    context.idempotency,
    context.now(),
    idempotency,
    (record) => createRegistration(context, input, record),
  );
}

async function createRegistration(
  context: RegistrationContext,
  input: RegistrationInput,
  record: IdempotencyRecord | undefined,
): Promise<RegisterOutcome> {
  const { store, edition } = context;
  const staleNotice = noticeVersionProblem(input, edition);
  if (staleNotice) return { kind: 'stale_notice', detail: staleNotice };
  const token = generateManageToken();
  const id = newId();
  const outcome = await withRetries<RegisterOutcome>(async (retry) => {
    const category = await store.getCategory(edition.id, input.category);
    if (!category) return { kind: 'unknown_category' };
    const now = context.now();
    const closed = registrationWindowProblem(category, now);
    if (closed) return { kind: 'closed', detail: closed };

    const change: RegisterChange = category.needsApproval
      ? 'register_pending'
      : seatOpenForNewcomer(category)
        ? 'register_confirmed'
        : 'register_waitlisted';
    const { to: status, message } = lifecycle[change];
    const at = now.toISOString();
    const registration: Registration = {
      id,
      edition: edition.id,
      category: category.id,
      status,
      name: input.name,
      email: input.email,
      country: input.country,
      organization: input.organization || undefined,
      jobTitle: input.jobTitle || undefined,
      language: input.language,
      dietary: input.dietary || undefined,
      needsVisaLetter: input.needsVisaLetter,
      code: generateCheckinCode(),
      createdAt: at,
      updatedAt: at,
      consent: consentReceipt(input, at),
    };
    const url = manageUrl(context, registration, token);
    const response: RegistrationCreated = {
      id,
      code: registration.code,
      status,
      manageToken: token,
      manageUrl: url,
    };
    try {
      await store.create({
        registration,
        change,
        manageTokenHash: hashManageToken(token),
        outbox: messageFor(message, registration, { category, edition, at, manageUrl: url }),
        idempotency: record && {
          recordId: record.id,
          requestHash: record.requestHash,
          sealedResponse: sealResponse(response, record.key, record.id),
        },
      });
      return { kind: 'created', response, promoted: 0 };
    } catch (error) {
      if (!(error instanceof RegistrationConflict)) throw error;
      if (error.reason === 'email_taken') return { kind: 'email_taken' };
      if (error.reason === 'state_changed') return { kind: 'in_flight' };
      // seats_changed or code_taken: look again and try with fresh numbers.
      return retry;
    }
  });
  if (outcome.kind === 'created' && outcome.response.status === 'waitlisted') {
    outcome.promoted = await promoteWaitlisted(context, input.category);
  }
  if (outcome.kind === 'email_taken') await tellHolderOfRepeatedAttempt(context, input.email);
  return outcome;
}

/**
 * The registration, if the token is its own; otherwise nothing, so existence is not revealed. An
 * erased registration is still found by its own token (its `erasedAt` says so), so its holder
 * learns it is gone and anyone else that there is nothing.
 */
export async function findOwnRegistration(
  context: RegistrationContext,
  id: string,
  token: string | undefined,
): Promise<Registration | undefined> {
  if (!token || !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(id)) return undefined;
  const stored = await context.store.get(id);
  if (!stored || !manageTokenMatches(token, stored.manageTokenHash)) return undefined;
  return stored.registration;
}

/**
 * A cancellation and, when it frees a confirmed seat, the promotion of the oldest waiting
 * registration into it, to be written in one transaction (its status condition makes the promotion
 * happen exactly once). `notify: false` leaves out the cancelled registrant's message (an erasure
 * keeps no address to send it to); the promoted registrant is always told.
 */
export async function cancellationChanges(
  context: RegistrationContext,
  registration: Registration,
  change: NonNullable<(typeof cancellation)[RegistrationStatus]>,
  { category, at, notify }: { category: CategoryState; at: string; notify: boolean },
): Promise<StatusChange[]> {
  const messages = { category, edition: context.edition, at };
  const promote =
    change === 'cancel_confirmed'
      ? await context.store.oldestWaitlisted(registration.edition, registration.category)
      : undefined;
  return [
    notify ? statusChange(change, registration, messages) : { registration, change },
    ...(promote ? [statusChange('promote_into_freed_seat', promote, messages)] : []),
  ];
}

export type CancelOutcome =
  /** `promoted`: waiting registrations given the freed seat, or a seat found free afterwards. */
  | { kind: 'cancelled'; promoted: number }
  | { kind: 'not_found' }
  | { kind: 'erased' }
  | { kind: 'not_cancellable'; detail: string };

/** Cancels a registration; a freed seat goes to the oldest waiting registration in the same transaction. */
export async function cancelRegistration(
  context: RegistrationContext,
  id: string,
  token: string | undefined,
): Promise<CancelOutcome> {
  const { store, edition } = context;
  const outcome = await withRetries<CancelOutcome>(async (retry) => {
    const registration = await findOwnRegistration(context, id, token);
    if (!registration) return { kind: 'not_found' };
    if (registration.erasedAt) return { kind: 'erased' };
    if (registration.status === 'cancelled') return { kind: 'cancelled', promoted: 0 };
    const change = cancellation[registration.status];
    if (!change) return { kind: 'not_cancellable', detail: 'This registration was declined.' };
    if (registration.checkedInAt) {
      return { kind: 'not_cancellable', detail: 'This registration has already been checked in.' };
    }
    const category = await store.getCategory(edition.id, registration.category);
    if (!category) return { kind: 'not_found' };
    const at = context.now().toISOString();
    const changes = await cancellationChanges(context, registration, change, { category, at, notify: true });
    try {
      await store.transition({ changes, at });
      const [, ...promotions] = changes;
      return { kind: 'cancelled', promoted: promotions.length };
    } catch (error) {
      if (error instanceof RegistrationConflict) return retry;
      throw error;
    }
  });
  if (outcome.kind === 'cancelled') {
    const registration = (await store.get(id))?.registration;
    if (registration?.erasedAt) return outcome;
    if (registration) outcome.promoted += await promoteWaitlisted(context, registration.category);
  }
  return outcome;
}
