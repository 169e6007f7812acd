import type { Category } from '../../content/schemas/edition.ts';
import type { AuditEntry } from '../domain/audit.ts';
import type { StoredScan } from '../domain/offline-scans.ts';
import type { CategoryCounters, LifecycleChange, RegisterChange } from '../domain/registration-lifecycle.ts';
import type { OutboxMessage, Registration, RegistrationStatus } from '../domain/registration-model.ts';
import type { EditionInfo } from './edition-info.ts';

/** A category as stored: its content, its live capacity and counters that always equal what they count. */
export interface CategoryState extends Omit<Category, 'capacity'>, CategoryCounters {
  edition: string;
  capacity: number;
  /** Where the category stands in the content, so pages list categories in that order. */
  position: number;
}

/** Completes an idempotency record in the same transaction that registers. */
export interface IdempotencyCompletion {
  recordId: string;
  requestHash: string;
  sealedResponse: string;
}

export interface NewRegistration {
  /** Its status is the one its lifecycle entry (`change`) leads to. */
  registration: Registration;
  change: RegisterChange;
  manageTokenHash: string;
  outbox: OutboxMessage;
  idempotency?: IdempotencyCompletion;
}

export interface StoredRegistration {
  registration: Registration;
  manageTokenHash: string;
  checkinNonce?: string;
}

/** One registration, as read, changing by one entry of the lifecycle table, with the message that reports it. */
export interface StatusChange {
  registration: Registration;
  change: Exclude<LifecycleChange, RegisterChange>;
  message?: OutboxMessage;
}

/**
 * Changes written together, all in one category: one change, or a cancellation and the promotion
 * that takes its seat. The store applies each entry of the lifecycle table as it says.
 */
export interface Transition {
  changes: readonly StatusChange[];
  at: string;
  /** The check-in desk's nonce, kept with a check-in so a repeated request gets the first answer. */
  checkinNonce?: string;
  /** The staff action that makes the change, written with it or not at all (functions/domain/audit.ts). */
  audit?: AuditEntry;
}

/** The fields of a registration an organizer may correct (PATCH /api/admin/registrations/{id}). */
export interface EditableFields {
  name: string;
  organization: string | undefined;
  country: string;
  email: string;
}

/**
 * An organizer's correction of a live registration, as one transaction: the registration as read
 * (its status and updatedAt must still be what they were, or nothing is written) with the changed
 * fields and their search copy; a new e-mail moves the registration's claim (refused with
 * email_taken when another registration holds the address); the audit entry with it.
 */
export interface RegistrationEdit {
  registration: Registration;
  changes: Partial<EditableFields>;
  at: string;
  audit: AuditEntry;
}

/**
 * The erasure of one registration's personal data, written as one transaction: the status changes
 * that free its seat (its cancellation without a message, and the promotion that takes the seat),
 * if any, and the anonymisation of the registration as read (its status, updatedAt and check-in
 * must still be what they were, or nothing is written).
 */
export interface Erasure {
  registration: Registration;
  changes: readonly StatusChange[];
  at: string;
  /** An organizer's erasure: its audit entry, written with it or not at all. */
  audit?: AuditEntry;
  /**
   * The erased ticket on the desks' revoked list (REVOKED#<edition>, no personal data), written with
   * the erasure, until expiresAt (epoch seconds). None from the retention rule: the edition is over.
   */
  revokedTicket?: RevokedTicket;
}

/**
 * A message an organizer sends again (functions/domain/resend.ts), written as one transaction: the
 * message, a marker that holds off another resend until `once.until`, the new manage token's hash
 * when the message carries a new link, and the audit entry.
 */
export interface Resend {
  message: OutboxMessage;
  /** The status the message was chosen for: nothing is written once the registration has another. */
  status: RegistrationStatus;
  /** Replaces the stored hash: the new link works, the old one no longer does. */
  manageTokenHash?: string;
  once: { key: string; until: string };
  audit: AuditEntry;
}

/** An erased ticket as the desks' revoked list names it. */
export interface RevokedTicket {
  codeHash: string;
  expiresAt: number;
}

/** Everything stored about one registration, for its holder's download. */
export interface RegistrationRecord {
  /** The registration item's own fields, whatever they are (keys and derived index copies left out). */
  registration: Record<string, unknown>;
  /** The copies of the messages sent (or still to be sent) to the registrant, oldest first. */
  messages: Array<{ message: OutboxMessage; sentAt?: string }>;
  /** The scans of the registrant's ticket that check-in desks uploaded (desk, scan and arrival times). */
  checkinScans: StoredScan[];
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
  /** Throws RegistrationConflict (email_taken, code_taken, seats_changed, state_changed). */
  create(input: NewRegistration): Promise<void>;
  get(id: string): Promise<StoredRegistration | undefined>;
  findIdByCode(code: string): Promise<string | undefined>;
  /** The registration that holds this address (compared trimmed, case-insensitively) in an edition. */
  findIdByEmail(edition: string, email: string): Promise<string | undefined>;
  /**
   * Queues a message unless one was queued under the same `key` before; an entry lives until
   * `until`, after which the key may queue another. True when the message was queued.
   */
  queueOnce(message: OutboxMessage, once: { key: string; until: string }): Promise<boolean>;
  /**
   * Throws RegistrationConflict: already_queued (a resend under the same key until its `until`),
   * state_changed (the registration's status moved, or it was erased, since it was read).
   */
  resend(resend: Resend): Promise<void>;
  /** Throws RegistrationConflict (state_changed, seats_changed, not_found). */
  transition(transition: Transition): Promise<void>;
  /** Throws RegistrationConflict (state_changed, email_taken). */
  edit(edit: RegistrationEdit): Promise<void>;
  oldestWaitlisted(edition: string, category: string): Promise<Registration | undefined>;
  /**
   * Throws RegistrationConflict (seats_changed) when fewer seats than are confirmed. The audit entry
   * of the staff action, if given, is written with the change or not at all.
   */
  setCapacity(
    edition: string,
    category: string,
    capacity: number,
    audit?: AuditEntry,
  ): Promise<CategoryState>;
  /** Throws InvalidCursorError for a cursor it did not give out for this query's edition. */
  list(query: RegistrationQuery): Promise<{ items: Registration[]; nextCursor: string | null }>;
  /** Every registration of an edition, for statistics and exports; erased ones included. */
  all(edition: string): AsyncGenerator<Registration>;
  /** Everything stored about one registration, for its holder. */
  record(id: string): Promise<RegistrationRecord | undefined>;
  /**
   * Removes the registration's personal data from every item that holds it and applies the status
   * changes; resolves to the ids of the messages whose copies it removed. Throws RegistrationConflict
   * (state_changed, seats_changed) when the registration or its category changed since it was read.
   */
  erase(erasure: Erasure): Promise<{ messageIds: string[] }>;
  /**
   * The code hashes of an edition's erased tickets, a page at a time. Throws InvalidCursorError for
   * a cursor it did not give out for this edition.
   */
  revokedTickets(
    edition: string,
    page: { limit: number; cursor?: string },
  ): Promise<{ codeHashes: string[]; nextCursor: string | null }>;
  /** Registrations of an edition not yet erased, at most `limit`, for the retention rule. */
  unerased(edition: string, limit: number): Promise<Registration[]>;
}
