/**
 * Whether a seat is free: the one home of the rule. The domain reads it to decide what a change
 * should be, the pages' figures come from it, and each store enforces the same rules inside its
 * transaction (DynamoDB compiles them into condition expressions, the in-memory store evaluates
 * them), so the decision and the database's final judgement under contention cannot disagree.
 */

/** The figures of a category that seat rules compare. */
export interface SeatCounts {
  capacity: number;
  confirmed: number;
  waitlisted: number;
}

type Comparator = '<' | '<=' | '=' | '>' | '>=';

/** A figure of the category compared with another figure or with a number. */
export type SeatComparison = readonly [keyof SeatCounts, Comparator, keyof SeatCounts | number];

export interface SeatRule {
  join: 'AND' | 'OR';
  comparisons: readonly SeatComparison[];
}

export const seatRules = {
  /** A newcomer may take a seat only while one is free and nobody is waiting for it. */
  open_seat: {
    join: 'AND',
    comparisons: [
      ['confirmed', '<', 'capacity'],
      ['waitlisted', '=', 0],
    ],
  },
  /** A newcomer joins the waiting list only while no seat is free for them. */
  no_open_seat: {
    join: 'OR',
    comparisons: [
      ['confirmed', '>=', 'capacity'],
      ['waitlisted', '>', 0],
    ],
  },
  /** The oldest waiting registration takes a free seat. */
  seat_for_waitlist: { join: 'AND', comparisons: [['confirmed', '<', 'capacity']] },
} as const satisfies Record<string, SeatRule>;

export type SeatCondition = keyof typeof seatRules;

/** A category's capacity may change only to a number that still holds every confirmed seat. */
export const capacityRule = (capacity: number): SeatRule => ({
  join: 'AND',
  comparisons: [['confirmed', '<=', capacity]],
});

const compare: Record<Comparator, (left: number, right: number) => boolean> = {
  '<': (left, right) => left < right,
  '<=': (left, right) => left <= right,
  '=': (left, right) => left === right,
  '>': (left, right) => left > right,
  '>=': (left, right) => left >= right,
};

export function seatRuleHolds(rule: SeatRule, counts: SeatCounts): boolean {
  const results = rule.comparisons.map(([left, comparator, right]) =>
    compare[comparator](counts[left], typeof right === 'number' ? right : counts[right]),
  );
  return rule.join === 'AND' ? results.every(Boolean) : results.some(Boolean);
}

/** Whether someone registering (or approved) now takes a seat rather than joining the waiting list. */
export const seatOpenForNewcomer = (counts: SeatCounts) => seatRuleHolds(seatRules.open_seat, counts);

/** Whether a seat is free for the oldest waiting registration. */
export const seatFreeForWaitlist = (counts: SeatCounts) =>
  counts.waitlisted > 0 && seatRuleHolds(seatRules.seat_for_waitlist, counts);

/** Seats not yet confirmed, as the pages show them. */
export const seatsLeft = ({ capacity, confirmed }: SeatCounts) => Math.max(0, capacity - confirmed);
