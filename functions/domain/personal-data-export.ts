import type { RegistrationContext } from './registration-context.ts';

/** Everything stored about one registrant, as they download it through their manage link. */
export interface PersonalDataExport {
  exportedAt: string;
  /** The stored registration, every field of it, so a field added later is in the download unasked. */
  registration: Record<string, unknown>;
  checkIns: string[];
  /** The scans of their ticket check-in desks uploaded: desk, scan time and arrival time. */
  checkinScans: Array<Record<string, unknown>>;
  messages: Array<Record<string, unknown>>;
}

/**
 * Reads the registration item and the copies of its own messages, found by the message ids kept on
 * that item: nothing reaches the download through a query that could match someone else.
 */
export async function personalDataExport(
  context: RegistrationContext,
  id: string,
): Promise<PersonalDataExport | undefined> {
  const record = await context.store.record(id);
  if (!record) return undefined;
  const checkedInAt = record.registration.checkedInAt;
  return {
    exportedAt: context.now().toISOString(),
    registration: record.registration,
    checkIns: typeof checkedInAt === 'string' ? [checkedInAt] : [],
    checkinScans: record.checkinScans.map(({ scannedAt, desk, arrivedAt }) => ({
      scannedAt,
      desk,
      arrivedAt,
    })),
    messages: record.messages.map(({ message, sentAt }) => ({ ...message, ...(sentAt ? { sentAt } : {}) })),
  };
}
