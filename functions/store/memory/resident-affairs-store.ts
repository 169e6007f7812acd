import { isClosedState, open311Status } from '../../domain/resident-affairs/lifecycle.ts';
import type { ServiceRequest, TimelineEntry } from '../../domain/resident-affairs/model.ts';
import type { AffairsReplyMessage } from '../../domain/resident-affairs/reply-message.ts';
import { decodeCursor, encodeCursor } from '../page-cursor.ts';
import type {
  Anonymisation,
  Merge,
  NewServiceRequest,
  Page,
  ResidentAffairsStore,
  ServiceRequestQuery,
  StoredServiceRequest,
  TimelineAppend,
} from '../resident-affairs-store.ts';
import { type AffairsConflictReason, InvalidCursorError, ResidentAffairsConflict } from '../store-errors.ts';
import type { MemoryAuditTrail } from './audit-store.ts';
import { canCompleteIdempotency, completeIdempotency } from './idempotency-store.ts';
import type { MemoryIdempotencyRecord } from './registration-data.ts';

interface MemoryServiceRequest {
  request: ServiceRequest;
  timeline: TimelineEntry[];
  /** When it closed (the change that closed it), while it is closed and not anonymised. */
  closedAt?: string;
  anonymisedAt?: string;
  /** The e-mails queued for its requester. */
  messageIds?: string[];
}

/** What the resident-affairs table holds, in memory: requests and their creations' idempotency records. */
export class MemoryResidentAffairsData {
  readonly requests = new Map<string, MemoryServiceRequest>();
  readonly idempotency = new Map<string, MemoryIdempotencyRecord>();
  /** The mail outbox's staff replies (in DynamoDB, the registrations table's outbox items). */
  readonly outbox = new Map<string, AffairsReplyMessage>();
}

/** Open requests' order in the queue, then the id, as the adapter's cursor (index key, then table key). */
const queueOrder = ({ request }: MemoryServiceRequest) => `${request.submittedAt}#${request.id}`;
const listOrder = queueOrder;
const closedOrder = ({ request, closedAt }: MemoryServiceRequest) => `${closedAt}#${request.id}`;

/**
 * The resident-affairs port in memory, for unit tests of the domain's decisions. Faithful to the
 * DynamoDB adapter's contract: each change checks its conditions in the order of the adapter's
 * transaction items and reports the first that fails with the same reason, then writes all of it
 * or nothing; between two awaits nothing else runs, so each change is atomic as a transaction is.
 */
export class MemoryResidentAffairsStore implements ResidentAffairsStore {
  readonly #data: MemoryResidentAffairsData;
  readonly #audit: MemoryAuditTrail | undefined;

  constructor(data: MemoryResidentAffairsData, audit?: MemoryAuditTrail) {
    this.#data = data;
    this.#audit = audit;
  }

  async create({ request, firstEntry, idempotency }: NewServiceRequest): Promise<void> {
    const record = idempotency && this.#data.idempotency.get(idempotency.recordId);
    this.#check([
      () => !this.#data.requests.has(request.id) || 'state_changed',
      () => !idempotency || canCompleteIdempotency(record, idempotency) || 'state_changed',
    ]);
    this.#data.requests.set(request.id, {
      request: structuredClone(request),
      timeline: [structuredClone(firstEntry)],
      ...(isClosedState(request.state) ? { closedAt: request.submittedAt } : {}),
    });
    if (idempotency && record) completeIdempotency(record, idempotency);
  }

  async get(id: string): Promise<StoredServiceRequest | undefined> {
    const stored = this.#data.requests.get(id);
    if (!stored) return undefined;
    const { request, timeline, anonymisedAt, messageIds = [] } = structuredClone(stored);
    return { request, timeline, ...(anonymisedAt ? { anonymisedAt } : {}), messageIds: messageIds.sort() };
  }

  async getMany(ids: readonly string[]): Promise<ServiceRequest[]> {
    return [...new Set(ids)].flatMap((id) => {
      const stored = this.#data.requests.get(id);
      return stored ? [structuredClone(stored.request)] : [];
    });
  }

  async getByFollowToken(followTokenHash: string): Promise<StoredServiceRequest | undefined> {
    for (const stored of this.#data.requests.values()) {
      if (stored.request.followTokenHash === followTokenHash) return this.get(stored.request.id);
    }
    return undefined;
  }

  async list(query: ServiceRequestQuery): Promise<Page<ServiceRequest>> {
    const after = query.cursor ? this.#cursor(query.cursor, 'list') : undefined;
    // As the adapter's: a cursor is good only inside the window that gave it out.
    if (after !== undefined && (after < query.from || after > `${query.to}~`)) throw new InvalidCursorError();
    const matching = [...this.#data.requests.values()]
      .filter(
        (stored) =>
          stored.request.submittedAt >= query.from &&
          stored.request.submittedAt <= query.to &&
          (!query.serviceCode || stored.request.serviceCode === query.serviceCode) &&
          (!query.status || open311Status(stored.request.state) === query.status) &&
          (after === undefined || listOrder(stored) < after),
      )
      // Newest first, as the adapter reads its index backwards.
      .sort((a, b) => (listOrder(a) < listOrder(b) ? 1 : -1));
    return this.#page(matching, query.limit, 'list', listOrder);
  }

  async queuePage(limit: number, cursor?: string): Promise<Page<ServiceRequest>> {
    const after = cursor ? this.#cursor(cursor, 'queue') : undefined;
    const open = [...this.#data.requests.values()]
      .filter(
        (stored) =>
          !stored.anonymisedAt &&
          !isClosedState(stored.request.state) &&
          (after === undefined || queueOrder(stored) > after),
      )
      .sort((a, b) => (queueOrder(a) < queueOrder(b) ? -1 : 1));
    return this.#page(open, limit, 'queue', queueOrder);
  }

  #page(
    matching: MemoryServiceRequest[],
    limit: number,
    kind: 'list' | 'queue',
    order: (stored: MemoryServiceRequest) => string,
  ): Page<ServiceRequest> {
    const page = matching.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((stored) => structuredClone(stored.request)),
      nextCursor: matching.length > limit && last ? encodeCursor({ kind, after: order(last) }) : null,
    };
  }

  #cursor(cursor: string, kind: 'list' | 'queue'): string {
    const key = decodeCursor(cursor);
    if (Object.keys(key).sort().join(',') !== 'after,kind' || key.kind !== kind || !key.after) {
      throw new InvalidCursorError();
    }
    return key.after;
  }

  async closedBefore(before: string, limit: number): Promise<ServiceRequest[]> {
    return [...this.#data.requests.values()]
      .filter((stored) => stored.closedAt !== undefined && closedOrder(stored) < before)
      .sort((a, b) => (closedOrder(a) < closedOrder(b) ? -1 : 1))
      .slice(0, Math.max(limit, 0))
      .map((stored) => structuredClone(stored.request));
  }

  async append({
    requestId,
    expectedState,
    entry,
    note,
    change = {},
    audit,
    message,
  }: TimelineAppend): Promise<void> {
    const stored = this.#data.requests.get(requestId);
    this.#check([() => (stored && this.#isAsSeen(stored, expectedState)) || 'state_changed']);
    this.#checkAudit(audit);
    const target = stored as MemoryServiceRequest;
    const set = Object.entries(change).filter(([, value]) => value !== undefined && value !== null);
    target.request = { ...target.request, ...structuredClone(Object.fromEntries(set)) };
    if (change.resolvedAt === null) delete target.request.resolvedAt;
    if (message) {
      this.#data.outbox.set(message.id, structuredClone(message));
      target.messageIds = [...(target.messageIds ?? []), message.id];
    }
    if (change.state && isClosedState(change.state)) target.closedAt = entry.at;
    else if (change.state) delete target.closedAt;
    target.timeline.push(structuredClone(entry));
    if (note) target.timeline.push(structuredClone(note));
    if (audit) this.#audit?.append(audit);
  }

  async merge(merge: Merge): Promise<void> {
    if (merge.duplicateId === merge.intoId) throw new ResidentAffairsConflict('not_found');
    const duplicate = this.#data.requests.get(merge.duplicateId);
    const into = this.#data.requests.get(merge.intoId);
    this.#check([
      () => (duplicate && this.#isAsSeen(duplicate, merge.expectedState)) || 'state_changed',
      () => (into && !into.request.mergedInto && !into.anonymisedAt) || 'not_found',
    ]);
    this.#checkAudit(merge.audit);
    const closing = duplicate as MemoryServiceRequest;
    closing.request = { ...closing.request, state: 'closed', mergedInto: merge.intoId };
    closing.closedAt = merge.at;
    closing.timeline.push(structuredClone(merge.duplicateEntry));
    into?.timeline.push(structuredClone(merge.intoEntry));
    if (merge.audit) this.#audit?.append(merge.audit);
  }

  async anonymise({ kept, expectedState, at }: Anonymisation): Promise<string[]> {
    const stored = this.#data.requests.get(kept.id);
    this.#check([
      () => (stored && !stored.anonymisedAt && stored.request.state === expectedState) || 'state_changed',
    ]);
    const anonymised = stored as MemoryServiceRequest;
    anonymised.request = structuredClone(kept);
    anonymised.anonymisedAt = at;
    delete anonymised.closedAt;
    anonymised.timeline = anonymised.timeline.map(({ text: _text, ...entry }) => entry);
    const messageIds = (anonymised.messageIds ?? []).sort();
    for (const id of messageIds) this.#data.outbox.delete(id);
    delete anonymised.messageIds;
    return messageIds;
  }

  /** Still in the state the staff member saw, neither merged away nor anonymised. */
  #isAsSeen(stored: MemoryServiceRequest, expectedState: string): boolean {
    return stored.request.state === expectedState && !stored.request.mergedInto && !stored.anonymisedAt;
  }

  /** As the adapter's transaction fails on an entry that exists: an impossible id clash, not a conflict. */
  #checkAudit(audit: TimelineAppend['audit']) {
    if (!audit) return;
    if (!this.#audit) throw new Error('an audit entry to write, but no audit trail was given');
    if (!this.#audit.canAppend(audit)) throw new Error('an audit entry is never overwritten');
  }

  /** Evaluates every condition in order; the first that fails names the conflict, and nothing is written. */
  #check(conditions: ReadonlyArray<() => true | AffairsConflictReason>): void {
    for (const condition of conditions) {
      const result = condition();
      if (result !== true) throw new ResidentAffairsConflict(result);
    }
  }
}
