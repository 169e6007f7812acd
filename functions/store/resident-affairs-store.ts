import type { AuditEntry } from '../domain/audit.ts';
import type { RequestState, ServiceRequest, TimelineEntry } from '../domain/resident-affairs/model.ts';
import type { AffairsReplyMessage } from '../domain/resident-affairs/reply-message.ts';
import type { IdempotencyCompletion } from './registration-store.ts';

export interface NewServiceRequest {
  request: ServiceRequest;
  /** Written with the request or not at all: its `submitted` entry. */
  firstEntry: TimelineEntry;
  /** Completes the record an IdempotencyStore began on the same table, in the same transaction. */
  idempotency?: IdempotencyCompletion;
}

export interface StoredServiceRequest {
  request: ServiceRequest;
  /** Oldest first. */
  timeline: TimelineEntry[];
  /** Set once the retention rule removed its personal data. */
  anonymisedAt?: string;
  /** The ids of the e-mails queued for its requester (public notes), so their copies can be removed. */
  messageIds: string[];
}

/** The fields of a request a timeline entry may change with it. */
export type RequestChange = Partial<
  Pick<ServiceRequest, 'state' | 'department' | 'firstResponseAt' | 'location'>
> & {
  /** `null` removes it: a reopened request is no longer resolved. */
  resolvedAt?: string | null;
};

/**
 * One entry appended to a request's timeline, and what it changes of the request, together; only
 * while the request is still in `expectedState` (the state the staff member saw), so two staff
 * acting at once cannot both move it.
 */
export interface TimelineAppend {
  requestId: string;
  expectedState: RequestState;
  entry: TimelineEntry;
  /** A second entry written with the first: the public note that comes with a state change. */
  note?: TimelineEntry;
  change?: RequestChange;
  /** The staff action's audit entry, written with the change or not at all. */
  audit?: AuditEntry;
  /** The e-mail a public note sends, queued in the mail outbox with the change or not at all. */
  message?: AffairsReplyMessage;
}

/**
 * A duplicate merged into the request it repeats, in one transaction: the duplicate (still in
 * `expectedState`, not merged already) is closed with `mergedInto`, both timelines get their entry.
 */
export interface Merge {
  duplicateId: string;
  expectedState: RequestState;
  intoId: string;
  at: string;
  duplicateEntry: TimelineEntry;
  intoEntry: TimelineEntry;
  audit?: AuditEntry;
}

/**
 * The retention rule for one closed request (or its requester's erasure): the request as the domain
 * keeps it (`kept`: no contact, description, address or photos), the text of its timeline entries
 * and the e-mails queued for it removed, in one transaction, while it is still in the state it was
 * read in.
 */
export interface Anonymisation {
  kept: ServiceRequest;
  expectedState: RequestState;
  at: string;
}

/** The public listing's filters (Open311 requests.json); the window bounds are ISO 8601 UTC, inclusive. */
export interface ServiceRequestQuery {
  from: string;
  to: string;
  serviceCode?: string;
  /** Open311 status: `closed` is resolved or closed, `open` every other state. */
  status?: 'open' | 'closed';
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The port the resident-affairs domain talks to; DynamoDB is one adapter of it. */
export interface ResidentAffairsStore {
  /**
   * Throws ResidentAffairsConflict (state_changed) when a request with this id exists or the
   * idempotency record is no longer in progress with this request's hash.
   */
  create(input: NewServiceRequest): Promise<void>;
  get(id: string): Promise<StoredServiceRequest | undefined>;
  /** Several requests by id (Open311 `service_request_id` list), in the order asked, unknown ones left out. */
  getMany(ids: readonly string[]): Promise<ServiceRequest[]>;
  getByFollowToken(followTokenHash: string): Promise<StoredServiceRequest | undefined>;
  /** Newest first. Throws InvalidCursorError for a cursor it did not give out for this window. */
  list(query: ServiceRequestQuery): Promise<Page<ServiceRequest>>;
  /** Open requests, longest-waiting first. Throws InvalidCursorError for a cursor it did not give out. */
  queuePage(limit: number, cursor?: string): Promise<Page<ServiceRequest>>;
  /** Throws ResidentAffairsConflict (state_changed) when the request is not as seen, merged away, anonymised or gone. */
  append(append: TimelineAppend): Promise<void>;
  /**
   * Throws ResidentAffairsConflict: state_changed when the duplicate is not as seen (moved, merged,
   * anonymised or gone), not_found when the request kept is gone, merged away or anonymised.
   */
  merge(merge: Merge): Promise<void>;
  /** Closed requests not yet anonymised whose closing came before `before`, oldest first, at most `limit`. */
  closedBefore(before: string, limit: number): Promise<ServiceRequest[]>;
  /**
   * Resolves to the ids of the e-mails removed from the outbox, whose delivered copies the caller
   * removes too (the mail transport's `forget`). Throws ResidentAffairsConflict (state_changed) when
   * it changed or was anonymised since it was read.
   */
  anonymise(anonymisation: Anonymisation): Promise<string[]>;
}
