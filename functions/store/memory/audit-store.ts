import type { AuditEntry, AuditQuery } from '../../domain/audit.ts';
import type { AuditStore } from '../audit-store.ts';
import { decodeCursor, encodeCursor } from '../page-cursor.ts';
import { InvalidCursorError } from '../store-errors.ts';

const sortKey = (entry: Pick<AuditEntry, 'at' | 'id'>) => `${entry.at}#${entry.id}`;

/**
 * The entries, shared by the in-memory stores as the DynamoDB adapters share the audit table: the
 * registration and venue stores append to it in the same change as what it records.
 */
export class MemoryAuditTrail {
  readonly #entries = new Map<string, AuditEntry>();

  /** Whether an entry could be appended: as the table's `attribute_not_exists` condition, never over one. */
  canAppend(entry: AuditEntry): boolean {
    return !this.#entries.has(sortKey(entry));
  }

  append(entry: AuditEntry): void {
    if (!this.canAppend(entry)) throw new Error('an audit entry is never overwritten');
    this.#entries.set(sortKey(entry), structuredClone(entry));
  }

  /** Newest first. */
  entries(): AuditEntry[] {
    return [...this.#entries.entries()]
      .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
      .map(([, entry]) => structuredClone(entry));
  }
}

/** The audit port in memory, for unit tests; pages and cursors as the DynamoDB adapter's. */
export class MemoryAuditStore implements AuditStore {
  readonly #trail: MemoryAuditTrail;

  constructor(trail: MemoryAuditTrail) {
    this.#trail = trail;
  }

  async append(entry: AuditEntry): Promise<void> {
    this.#trail.append(entry);
  }

  async list(query: AuditQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
    const scope = query.actor ? { actor: query.actor } : query.action ? { action: query.action } : {};
    let before: string | undefined;
    if (query.cursor) {
      const key = decodeCursor(query.cursor);
      const expected = Object.keys({ ...scope, pk: '', sk: '' })
        .sort()
        .join(',');
      const valid =
        Object.keys(key).sort().join(',') === expected &&
        Object.entries(scope).every(([name, value]) => key[name] === value);
      if (!valid) throw new InvalidCursorError();
      before = key.sk;
    }
    const matching = this.#trail.entries().filter((entry) => {
      const sk = sortKey(entry);
      return (
        (before === undefined || sk < before) &&
        (!query.actor || entry.actor === query.actor) &&
        (!query.action || entry.action === query.action) &&
        (!query.registration || entry.registrationIds.includes(query.registration)) &&
        (!query.from || sk >= query.from) &&
        (!query.to || sk <= `${query.to}~`)
      );
    });
    const items = matching.slice(0, query.limit);
    const last = items.at(-1);
    const nextCursor =
      matching.length > query.limit && last
        ? encodeCursor({ ...scope, pk: 'TRAIL', sk: sortKey(last) })
        : null;
    return { items, nextCursor };
  }
}
