import type { Category } from '../../content/schemas/edition.ts';
import type { OutboxMessage, Registration, RegistrationStatus } from '../domain/registration-model.ts';
import type { EditionInfo } from './edition-info.ts';

export interface CategoryCounters {
  confirmed: number;
  waitlisted: number;
  pending: number;
  checkedIn: number;
}

/** A category as stored: its content, its live capacity and counters that always equal what they count. */
export interface CategoryState extends Omit<Category, 'capacity'>, CategoryCounters {
  edition: string;
  capacity: number;
  /** Where the category stands in the content, so pages list categories in that order. */
  position: number;
}

/**
 * What must hold of the category's seats for a change to go through, checked inside its transaction:
 * - `open_seat`: a newcomer may take a seat only while one is free and nobody is waiting for it;
 * - `no_open_seat`: a newcomer joins the waiting list only while no seat is free for them;
 * - `seat_for_waitlist`: the oldest waiting registration takes a free seat.
 */
export type SeatCondition = 'open_seat' | 'no_open_seat' | 'seat_for_waitlist';

/** Completes an idempotency record in the same transaction that registers. */
export interface IdempotencyCompletion {
  recordId: string;
  requestHash: string;
  sealedResponse: string;
}

export interface NewRegistration {
  registration: Registration;
  manageTokenHash: string;
  seatCondition?: SeatCondition;
  outbox: OutboxMessage;
  idempotency?: IdempotencyCompletion;
}

export interface StoredRegistration {
  registration: Registration;
  manageTokenHash: string;
  checkinNonce?: string;
}

type Counter = keyof CategoryCounters;

/** One registration changes status, with the counters, claims and messages that go with it. */
export interface Transition {
  registration: Registration;
  to: RegistrationStatus;
  /** When it enters the waiting list: its place in the queue. */
  waitlistOrder?: string;
  counters: Partial<Record<Counter, 1 | -1>>;
  seatCondition?: SeatCondition;
  /** A cancelled or rejected registration frees its e-mail for a new one. */
  releaseEmail: boolean;
  /** A checked-in registration keeps its seat: it cannot be cancelled. */
  requireNotCheckedIn?: boolean;
  /** The oldest waiting registration that takes the seat this transition frees, in the same transaction. */
  promote?: Registration;
  outbox: OutboxMessage[];
  at: string;
}

export interface RegistrationQuery {
  edition: string;
  status?: RegistrationStatus;
  category?: string;
  country?: string;
  /** Matched case-insensitively against name, e-mail and organization. */
  text?: string;
  limit: number;
  cursor?: string;
}

export interface RegistrationStore {
  listCategories(edition: string): Promise<CategoryState[]>;
  getCategory(edition: string, id: string): Promise<CategoryState | undefined>;
  /**
   * Makes this the current edition and creates or refreshes its categories; a category's capacity
   * and counters are never reset, since organizers change capacity at run time.
   */
  upsertEdition(edition: EditionInfo, categories: readonly Category[]): Promise<void>;
  currentEdition(): Promise<EditionInfo | undefined>;
  /** Throws RegistrationConflict (email_taken, code_taken, seats_changed). */
  create(input: NewRegistration): Promise<void>;
  get(id: string): Promise<StoredRegistration | undefined>;
  findIdByCode(code: string): Promise<string | undefined>;
  /** Throws RegistrationConflict (state_changed, seats_changed). */
  transition(transition: Transition): Promise<void>;
  oldestWaitlisted(edition: string, category: string): Promise<Registration | undefined>;
  /** Throws RegistrationConflict (seats_changed) when fewer seats than are confirmed. */
  setCapacity(edition: string, category: string, capacity: number): Promise<CategoryState>;
  /** Throws RegistrationConflict (state_changed) unless confirmed and not yet checked in. */
  checkIn(registration: Registration, at: string, nonce: string | undefined): Promise<void>;
  list(query: RegistrationQuery): Promise<{ items: Registration[]; nextCursor: string | null }>;
  /** Every registration of an edition, for statistics and exports. */
  all(edition: string): AsyncGenerator<Registration>;
}
