import type { OutboxKind, RegistrationStatus } from './registration-model.ts';
import { capacityRule, type SeatCondition } from './seat-rules.ts';

/** The counters a category keeps; they always equal what they count. */
export interface CategoryCounters {
  confirmed: number;
  waitlisted: number;
  pending: number;
  checkedIn: number;
}

export type CounterChanges = Partial<Record<keyof CategoryCounters, number>>;

/** Everything that goes with one change of a registration's status, applied as one transaction. */
export interface LifecycleStep {
  /** The status it must still have when written; none for a new registration. */
  from?: RegistrationStatus;
  to: RegistrationStatus;
  counters: CounterChanges;
  /** What must hold of the category's seats before the change (see seat-rules.ts). */
  seat?: SeatCondition;
  /** A new registration claims its e-mail address for the edition; a registration that ends frees it. */
  email: 'claim' | 'release' | 'keep';
  /** A checked-in registration keeps its seat: it cannot change. */
  requireNotCheckedIn: boolean;
  /** Records the arrival (checkedInAt) instead of changing the status. */
  checksIn?: true;
  /** The message to the registrant that reports the change, written in the same transaction. */
  message?: OutboxKind;
}

/**
 * Every status change there is. The domain chooses the entry; the stores apply it mechanically:
 * counters, seat condition, e-mail claim and status condition all come from here.
 */
export const lifecycle = {
  register_confirmed: {
    to: 'confirmed',
    counters: { confirmed: 1 },
    seat: 'open_seat',
    email: 'claim',
    requireNotCheckedIn: false,
    message: 'confirmed',
  },
  register_waitlisted: {
    to: 'waitlisted',
    counters: { waitlisted: 1 },
    seat: 'no_open_seat',
    email: 'claim',
    requireNotCheckedIn: false,
    message: 'waitlisted',
  },
  register_pending: {
    to: 'pending_approval',
    counters: { pending: 1 },
    email: 'claim',
    requireNotCheckedIn: false,
    message: 'pending_approval',
  },
  approve_confirmed: {
    from: 'pending_approval',
    to: 'confirmed',
    counters: { pending: -1, confirmed: 1 },
    seat: 'open_seat',
    email: 'keep',
    requireNotCheckedIn: false,
    message: 'approved',
  },
  approve_waitlisted: {
    from: 'pending_approval',
    to: 'waitlisted',
    counters: { pending: -1, waitlisted: 1 },
    seat: 'no_open_seat',
    email: 'keep',
    requireNotCheckedIn: false,
    message: 'waitlisted',
  },
  reject: {
    from: 'pending_approval',
    to: 'rejected',
    counters: { pending: -1 },
    email: 'release',
    requireNotCheckedIn: false,
    message: 'rejected',
  },
  cancel_confirmed: {
    from: 'confirmed',
    to: 'cancelled',
    counters: { confirmed: -1 },
    email: 'release',
    requireNotCheckedIn: true,
    message: 'cancelled',
  },
  cancel_waitlisted: {
    from: 'waitlisted',
    to: 'cancelled',
    counters: { waitlisted: -1 },
    email: 'release',
    requireNotCheckedIn: true,
    message: 'cancelled',
  },
  cancel_pending: {
    from: 'pending_approval',
    to: 'cancelled',
    counters: { pending: -1 },
    email: 'release',
    requireNotCheckedIn: true,
    message: 'cancelled',
  },
  promote: {
    from: 'waitlisted',
    to: 'confirmed',
    counters: { waitlisted: -1, confirmed: 1 },
    seat: 'seat_for_waitlist',
    email: 'keep',
    requireNotCheckedIn: false,
    message: 'promoted',
  },
  /** Takes the seat a cancellation in the same transaction frees, so no seat condition applies. */
  promote_into_freed_seat: {
    from: 'waitlisted',
    to: 'confirmed',
    counters: { waitlisted: -1, confirmed: 1 },
    email: 'keep',
    requireNotCheckedIn: false,
    message: 'promoted',
  },
  check_in: {
    from: 'confirmed',
    to: 'confirmed',
    counters: { checkedIn: 1 },
    email: 'keep',
    requireNotCheckedIn: true,
    checksIn: true,
  },
} as const satisfies Record<string, LifecycleStep>;

export type LifecycleChange = keyof typeof lifecycle;

export type RegisterChange = 'register_confirmed' | 'register_waitlisted' | 'register_pending';

/** The cancellation of a registration in each status that can be cancelled. */
export const cancellation: Partial<
  Record<RegistrationStatus, 'cancel_confirmed' | 'cancel_waitlisted' | 'cancel_pending'>
> = {
  confirmed: 'cancel_confirmed',
  waitlisted: 'cancel_waitlisted',
  pending_approval: 'cancel_pending',
};

/** A registration in these statuses holds its e-mail claim: the statuses that can still be cancelled. */
export const holdsEmailClaim = (status: RegistrationStatus) => cancellation[status] !== undefined;

/**
 * A capacity change is no status change: it moves no counter, frees no e-mail and sends no message.
 * Its one condition keeps every confirmed seat; the seats it adds then go to the waiting list, each
 * by `promote`.
 */
export const capacityChange = { condition: capacityRule, newSeatsBy: 'promote' } as const;

/** What several changes written together do to their category: counters summed, every seat condition. */
export function combinedEffect(changes: readonly LifecycleChange[]): {
  counters: CounterChanges;
  seats: SeatCondition[];
} {
  const counters: CounterChanges = {};
  const seats: SeatCondition[] = [];
  for (const change of changes) {
    const step: LifecycleStep = lifecycle[change];
    for (const [counter, delta] of Object.entries(step.counters) as Array<[keyof CategoryCounters, number]>) {
      counters[counter] = (counters[counter] ?? 0) + delta;
    }
    if (step.seat) seats.push(step.seat);
  }
  for (const [counter, delta] of Object.entries(counters)) {
    if (delta === 0) delete counters[counter as keyof CategoryCounters];
  }
  return { counters, seats };
}
