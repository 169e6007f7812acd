import type { Category } from '../../../content/schemas/edition.ts';
import type { AuditEntry } from '../../domain/audit.ts';
import { keptAfterErasure, readErased } from '../../domain/erased-registration.ts';
import {
  type CategoryCounters,
  capacityChange,
  combinedEffect,
  holdsEmailClaim,
  type LifecycleStep,
  lifecycle,
} from '../../domain/registration-lifecycle.ts';
import type { OutboxMessage, Registration } from '../../domain/registration-model.ts';
import { searchTextOf } from '../../domain/registration-search-text.ts';
import { seatRuleHolds, seatRules } from '../../domain/seat-rules.ts';
import type { EditionInfo } from '../edition-info.ts';
import { decodeCursor, encodeCursor } from '../page-cursor.ts';
import type {
  CategoryState,
  Erasure,
  NewRegistration,
  RegistrationEdit,
  RegistrationQuery,
  RegistrationRecord,
  RegistrationStore,
  Resend,
  StoredRegistration,
  Transition,
} from '../registration-store.ts';
import { type ConflictReason, InvalidCursorError, RegistrationConflict } from '../store-errors.ts';
import { canCompleteIdempotency, completeIdempotency } from './idempotency-store.ts';
import { categoryKey, type MemoryRegistration, type MemoryRegistrationData } from './registration-data.ts';

/** E-mail addresses are compared trimmed and case-insensitively. */
const emailKey = (edition: string, email: string) => `${edition}#${email.trim().toLowerCase()}`;

const createdOrder = ({ createdAt, id }: Registration) => `${createdAt}#${id}`;

/**
 * The registration port in memory, for unit tests of the domain's decisions. Faithful to the
 * DynamoDB adapter's contract: every change checks all its conditions first, in the same order
 * as the adapter's transaction items, and reports the first that fails with the same reason;
 * then it writes everything or, on a failed condition, nothing. Between two awaits nothing else
 * runs, so each change is atomic as a DynamoDB transaction is.
 */
export class MemoryRegistrationStore implements RegistrationStore {
  readonly #data: MemoryRegistrationData;

  constructor(data: MemoryRegistrationData) {
    this.#data = data;
  }

  async listCategories(edition: string): Promise<CategoryState[]> {
    return [...this.#data.categories.values()]
      .filter((category) => category.edition === edition)
      .sort((a, b) => a.position - b.position)
      .map((category) => structuredClone(category));
  }

  async getCategory(edition: string, id: string): Promise<CategoryState | undefined> {
    const category = this.#data.categories.get(categoryKey(edition, id));
    return category && structuredClone(category);
  }

  async currentEdition(): Promise<EditionInfo | undefined> {
    return this.#data.currentEdition && structuredClone(this.#data.currentEdition);
  }

  async upsertEdition(edition: EditionInfo, categories: readonly Category[]): Promise<void> {
    this.#data.currentEdition = structuredClone(edition);
    for (const [position, category] of categories.entries()) {
      const key = categoryKey(edition.id, category.id);
      const kept = this.#data.categories.get(key);
      const counters: CategoryCounters = kept ?? { confirmed: 0, waitlisted: 0, pending: 0, checkedIn: 0 };
      this.#data.categories.set(key, {
        ...structuredClone(category),
        edition: edition.id,
        position,
        capacity: kept?.capacity ?? category.capacity,
        confirmed: counters.confirmed,
        waitlisted: counters.waitlisted,
        pending: counters.pending,
        checkedIn: counters.checkedIn,
      });
    }
  }

  async create({ registration, change, manageTokenHash, outbox, idempotency }: NewRegistration) {
    const step: LifecycleStep = lifecycle[change];
    const category = this.#data.categories.get(categoryKey(registration.edition, registration.category));
    const record = idempotency && this.#data.idempotency.get(idempotency.recordId);
    this.#check([
      () => !this.#data.registrations.has(registration.id) || 'state_changed',
      () => !this.#data.emails.has(emailKey(registration.edition, registration.email)) || 'email_taken',
      () => !this.#data.codes.has(registration.code) || 'code_taken',
      () =>
        (category !== undefined && (!step.seat || seatRuleHolds(seatRules[step.seat], category))) ||
        (step.seat ? 'seats_changed' : 'not_found'),
      () => !this.#data.outbox.has(outbox.id) || 'state_changed',
      () => !idempotency || canCompleteIdempotency(record, idempotency) || 'state_changed',
    ]);
    const stored: Registration = { ...structuredClone(registration), status: step.to };
    this.#data.registrations.set(registration.id, {
      registration: stored,
      manageTokenHash,
      ...(step.to === 'waitlisted' ? { waitlistOrder: createdOrder(stored) } : {}),
      outboxIds: [outbox.id],
      ...(idempotency ? { idempotencyRecordId: idempotency.recordId } : {}),
    });
    this.#data.emails.set(emailKey(registration.edition, registration.email), registration.id);
    this.#data.codes.set(registration.code, registration.id);
    if (category) addCounters(category, step.counters);
    this.#writeMessage(outbox);
    if (idempotency && record) completeIdempotency(record, idempotency);
  }

  async get(id: string): Promise<StoredRegistration | undefined> {
    const stored = this.#data.registrations.get(id);
    if (!stored) return undefined;
    const { registration, manageTokenHash, checkinNonce } = structuredClone(stored);
    return {
      registration: registration.erasedAt ? readErased({ ...registration }) : registration,
      manageTokenHash,
      ...(checkinNonce ? { checkinNonce } : {}),
    };
  }

  async findIdByCode(code: string): Promise<string | undefined> {
    return this.#data.codes.get(code);
  }

  async findIdByEmail(edition: string, email: string): Promise<string | undefined> {
    return this.#data.emails.get(emailKey(edition, email));
  }

  async queueOnce(message: OutboxMessage, { key, until }: { key: string; until: string }): Promise<boolean> {
    const queuedUntil = this.#data.queuedOnce.get(key);
    if (queuedUntil && Date.parse(queuedUntil) > Date.parse(message.createdAt)) return false;
    const holder = this.#data.registrations.get(message.registrationId);
    if (!holder || holder.registration.erasedAt) return false;
    this.#data.queuedOnce.set(key, until);
    this.#data.outbox.set(message.id, { message: structuredClone(message) });
    holder.outboxIds.push(message.id);
    return true;
  }

  async resend({ message, status, manageTokenHash, once, audit }: Resend): Promise<void> {
    const holder = this.#data.registrations.get(message.registrationId);
    const queuedUntil = this.#data.queuedOnce.get(once.key);
    this.#check([
      () => !queuedUntil || Date.parse(queuedUntil) <= Date.parse(message.createdAt) || 'already_queued',
      () => !this.#data.outbox.has(message.id) || 'state_changed',
      () =>
        (holder !== undefined && !holder.registration.erasedAt && holder.registration.status === status) ||
        'state_changed',
    ]);
    this.#checkAudit(audit);
    const stored = holder as MemoryRegistration;
    this.#data.queuedOnce.set(once.key, once.until);
    this.#writeMessage(message);
    stored.outboxIds.push(message.id);
    if (manageTokenHash) stored.manageTokenHash = manageTokenHash;
    this.#data.audit.append(audit);
  }

  async transition({ changes, at, checkinNonce, audit }: Transition): Promise<void> {
    const [first] = changes;
    if (!first) return;
    const { counters, seats } = combinedEffect(changes.map(({ change }) => change));
    const category = this.#data.categories.get(
      categoryKey(first.registration.edition, first.registration.category),
    );
    const hasCounters = Object.keys(counters).length > 0;
    this.#check([
      ...changes.flatMap(({ registration, change, message }) => {
        const step: LifecycleStep = lifecycle[change];
        const stored = this.#data.registrations.get(registration.id)?.registration;
        return [
          () =>
            (stored !== undefined &&
              stored.status === step.from &&
              !(step.requireNotCheckedIn && stored.checkedInAt)) ||
            'state_changed',
          ...(step.email === 'release'
            ? [
                () =>
                  this.#data.emails.get(emailKey(registration.edition, registration.email)) ===
                    registration.id || 'state_changed',
              ]
            : []),
          ...(message ? [() => !this.#data.outbox.has(message.id) || 'state_changed'] : []),
        ];
      }),
      () =>
        !hasCounters ||
        (category !== undefined && seats.every((seat) => seatRuleHolds(seatRules[seat], category))) ||
        (seats.length ? 'seats_changed' : 'not_found'),
    ]);
    this.#checkAudit(audit);
    for (const { registration, change, message } of changes) {
      const step: LifecycleStep = lifecycle[change];
      const stored = this.#data.registrations.get(registration.id) as MemoryRegistration;
      if (step.checksIn) {
        stored.registration.checkedInAt = at;
        if (checkinNonce) stored.checkinNonce = checkinNonce;
      } else {
        stored.registration.status = step.to;
        stored.registration.updatedAt = at;
      }
      if (step.to === 'waitlisted') stored.waitlistOrder = `${at}#${registration.id}`;
      else delete stored.waitlistOrder;
      if (step.email === 'release')
        this.#data.emails.delete(emailKey(registration.edition, registration.email));
      if (message) {
        this.#writeMessage(message);
        stored.outboxIds.push(message.id);
      }
    }
    if (category) addCounters(category, counters);
    if (audit) this.#data.audit.append(audit);
  }

  async edit({ registration, changes, at, audit }: RegistrationEdit): Promise<void> {
    const stored = this.#data.registrations.get(registration.id);
    const edited = { ...registration, ...changes };
    const oldEmail = emailKey(registration.edition, registration.email);
    const newEmail = emailKey(registration.edition, edited.email);
    const movesClaim = oldEmail !== newEmail;
    this.#check([
      () =>
        (stored !== undefined &&
          !stored.registration.erasedAt &&
          stored.registration.status === registration.status &&
          stored.registration.updatedAt === registration.updatedAt) ||
        'state_changed',
      () => !movesClaim || this.#data.emails.get(oldEmail) === registration.id || 'state_changed',
      () => !movesClaim || !this.#data.emails.has(newEmail) || 'email_taken',
    ]);
    this.#checkAudit(audit);
    const target = (stored as MemoryRegistration).registration;
    Object.assign(target, structuredClone(changes), { updatedAt: at });
    if ('organization' in changes && changes.organization === undefined) delete target.organization;
    if (movesClaim) {
      this.#data.emails.delete(oldEmail);
      this.#data.emails.set(newEmail, registration.id);
    }
    this.#data.audit.append(audit);
  }

  /** As the adapter's transaction fails on an entry that exists: an impossible id clash, not a conflict. */
  #checkAudit(audit: AuditEntry | undefined) {
    if (audit && !this.#data.audit.canAppend(audit)) throw new Error('an audit entry is never overwritten');
  }

  async record(id: string): Promise<RegistrationRecord | undefined> {
    const stored = this.#data.registrations.get(id);
    if (!stored) return undefined;
    const messages = stored.outboxIds
      .map((messageId) => this.#data.outbox.get(messageId))
      .filter((entry) => entry !== undefined);
    // No scan store in memory: the desks' uploads are kept in DynamoDB only.
    return structuredClone({ registration: { ...stored.registration }, messages, checkinScans: [] });
  }

  async erase({
    registration,
    changes,
    at,
    audit,
    revokedTicket,
  }: Erasure): Promise<{ messageIds: string[] }> {
    const stored = this.#data.registrations.get(registration.id);
    const own = changes.find((change) => change.registration.id === registration.id);
    const others = changes.filter((change) => change !== own);
    const holdsClaim = holdsEmailClaim(registration.status);
    this.#check([
      () =>
        (stored !== undefined &&
          !stored.registration.erasedAt &&
          stored.registration.status === registration.status &&
          stored.registration.updatedAt === registration.updatedAt &&
          Boolean(stored.registration.checkedInAt) === Boolean(registration.checkedInAt)) ||
        'state_changed',
      () =>
        !holdsClaim ||
        this.#data.emails.get(emailKey(registration.edition, registration.email)) === registration.id ||
        'state_changed',
      () => [undefined, registration.id].includes(this.#data.codes.get(registration.code)) || 'state_changed',
    ]);
    this.#checkAudit(audit);
    const erased = stored as MemoryRegistration;
    const messageIds = [...erased.outboxIds];
    // The cancellation and promotion, with their counters, as one transition writes them; the own
    // change goes first so its e-mail release is the claim's deletion.
    if (changes.length) await this.transition({ changes: own ? [own, ...others] : others, at });
    else if (holdsClaim) this.#data.emails.delete(emailKey(registration.edition, registration.email));
    this.#data.codes.delete(registration.code);
    if (erased.idempotencyRecordId) this.#data.idempotency.delete(erased.idempotencyRecordId);
    for (const messageId of messageIds) this.#data.outbox.delete(messageId);
    const current = erased.registration as unknown as Record<string, unknown>;
    erased.registration = {
      ...Object.fromEntries(
        keptAfterErasure.map((field) => [field, current[field]]).filter(([, value]) => value !== undefined),
      ),
      erasedAt: at,
    } as unknown as Registration;
    delete erased.waitlistOrder;
    delete erased.checkinNonce;
    delete erased.idempotencyRecordId;
    erased.outboxIds = [];
    if (revokedTicket) {
      const { codeHash, expiresAt } = revokedTicket;
      this.#data.revokedTickets.set(`${registration.edition}#${codeHash}`, expiresAt);
    }
    if (audit) this.#data.audit.append(audit);
    return { messageIds };
  }

  async revokedTickets(
    edition: string,
    { limit, cursor }: { limit: number; cursor?: string },
  ): Promise<{ codeHashes: string[]; nextCursor: string | null }> {
    let after = '';
    if (cursor !== undefined) {
      const key = decodeCursor(cursor);
      if (key.edition !== edition || typeof key.after !== 'string') throw new InvalidCursorError();
      after = key.after;
    }
    const prefix = `${edition}#`;
    const all = [...this.#data.revokedTickets.keys()]
      .filter((key) => key.startsWith(prefix))
      .map((key) => key.slice(prefix.length))
      .filter((codeHash) => codeHash > after)
      .sort();
    const codeHashes = all.slice(0, limit);
    const last = codeHashes.at(-1);
    const nextCursor = all.length > limit && last ? encodeCursor({ edition, after: last }) : null;
    return { codeHashes, nextCursor };
  }

  async unerased(edition: string, limit: number): Promise<Registration[]> {
    return [...this.#data.registrations.values()]
      .map(({ registration }) => registration)
      .filter((registration) => registration.edition === edition && !registration.erasedAt)
      .slice(0, limit)
      .map((registration) => structuredClone(registration));
  }

  async oldestWaitlisted(edition: string, category: string): Promise<Registration | undefined> {
    let oldest: MemoryRegistration | undefined;
    for (const stored of this.#data.registrations.values()) {
      const { registration, waitlistOrder } = stored;
      if (registration.edition !== edition || registration.category !== category || !waitlistOrder) continue;
      if (!oldest?.waitlistOrder || waitlistOrder < oldest.waitlistOrder) oldest = stored;
    }
    return oldest && structuredClone(oldest.registration);
  }

  async setCapacity(
    edition: string,
    categoryId: string,
    capacity: number,
    audit?: AuditEntry,
  ): Promise<CategoryState> {
    const category = this.#data.categories.get(categoryKey(edition, categoryId));
    if (!category || !seatRuleHolds(capacityChange.condition(capacity), category)) {
      throw new RegistrationConflict('seats_changed');
    }
    this.#checkAudit(audit);
    category.capacity = capacity;
    if (audit) this.#data.audit.append(audit);
    return structuredClone(category);
  }

  async list(query: RegistrationQuery): Promise<{ items: Registration[]; nextCursor: string | null }> {
    let after: string | undefined;
    if (query.cursor) {
      const key = decodeCursor(query.cursor);
      if (
        Object.keys(key).sort().join(',') !== 'createdOrder,editionKey' ||
        key.editionKey !== query.edition
      ) {
        throw new InvalidCursorError();
      }
      after = key.createdOrder;
    }
    const text = query.text?.toLowerCase();
    const matching = [...this.#data.registrations.values()]
      .map(({ registration }) => registration)
      .filter(
        (registration) =>
          registration.edition === query.edition &&
          !registration.erasedAt &&
          (!query.status || registration.status === query.status) &&
          (!query.category || registration.category === query.category) &&
          (!query.country || registration.country === query.country) &&
          (!text || searchTextOf(registration).includes(text)) &&
          (after === undefined || createdOrder(registration) < after),
      )
      // Newest first, as the organizers' list shows them.
      .sort((a, b) => (createdOrder(a) < createdOrder(b) ? 1 : -1));
    const items = matching.slice(0, query.limit);
    const last = items.at(-1);
    const nextCursor =
      matching.length > query.limit && last
        ? encodeCursor({ editionKey: query.edition, createdOrder: createdOrder(last) })
        : null;
    return { items: structuredClone(items), nextCursor };
  }

  async *all(edition: string): AsyncGenerator<Registration> {
    for (const { registration } of [...this.#data.registrations.values()]) {
      if (registration.edition !== edition) continue;
      yield registration.erasedAt ? readErased({ ...registration }) : structuredClone(registration);
    }
  }

  /** Evaluates every condition in order; the first that fails names the conflict, and nothing is written. */
  #check(conditions: ReadonlyArray<() => true | ConflictReason>): void {
    for (const condition of conditions) {
      const result = condition();
      if (result !== true) throw new RegistrationConflict(result);
    }
  }

  #writeMessage(message: OutboxMessage): void {
    this.#data.outbox.set(message.id, { message: structuredClone(message) });
  }
}

function addCounters(category: CategoryState, counters: LifecycleStep['counters']): void {
  for (const [counter, delta] of Object.entries(counters) as Array<[keyof CategoryCounters, number]>) {
    category[counter] += delta;
  }
}
