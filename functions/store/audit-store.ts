import type { AuditEntry, AuditQuery } from '../domain/audit.ts';

/**
 * The audit trail's port: append and read, nothing else. No adapter changes or deletes an entry;
 * the stores of registrations and reviews write an entry in the transaction of the change it records.
 */
export interface AuditStore {
  /** Throws when the entry cannot be written, so the read it records is never answered. */
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. Throws InvalidCursorError for a cursor it did not give out for this query. */
  list(query: AuditQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }>;
}
