/** The key of every kind of item in the registrations table. */
export const registrationKeys = {
  currentEdition: { pk: 'EDITION', sk: 'CURRENT' },
  category: (edition: string, id: string) => ({ pk: `CATEGORY#${edition}`, sk: id }),
  categories: (edition: string) => `CATEGORY#${edition}`,
  registration: (id: string) => ({ pk: `REGISTRATION#${id}`, sk: 'REGISTRATION' }),
  email: (edition: string, normalizedEmail: string) => ({
    pk: `EMAIL#${edition}#${normalizedEmail}`,
    sk: 'EMAIL',
  }),
  code: (code: string) => ({ pk: `CODE#${code}`, sk: 'CODE' }),
  idempotency: (recordId: string) => ({ pk: `IDEMPOTENCY#${recordId}`, sk: 'IDEMPOTENCY' }),
  outbox: (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'OUTBOX' }),
  /** Marks a message queued once under a key, until its expiresAt. */
  queuedOnce: (key: string) => ({ pk: `ONCE#${key}`, sk: 'ONCE' }),
  /** An erased ticket on the desks' revoked list: one partition per edition, sorted by code hash. */
  revokedTickets: (edition: string) => `REVOKED#${edition}`,
  waitlist: (edition: string, category: string) => `${edition}#${category}`,
};

/**
 * The items of uploaded check-in scans, beside the registrations they check in: the scan store writes
 * them; a registrant's download reads their ticket's, and an erasure deletes them.
 */
export const scanKeys = {
  /** Claims a nonce for one scan, holding the scan so a repeated upload can be compared. */
  nonce: (nonce: string) => ({ pk: `SCANNONCE#${nonce}`, sk: 'SCANNONCE' }),
  /** One partition per ticket: its scans (`SCAN#<nonce>`) and its count (`TICKET`), read in one query. */
  ticket: (edition: string, code: string) => `SCANS#${edition}#${code}`,
  scanPrefix: 'SCAN#',
  scan: (edition: string, code: string, nonce: string) => ({
    pk: `SCANS#${edition}#${code}`,
    sk: `SCAN#${nonce}`,
  }),
  ticketCount: (edition: string, code: string) => ({ pk: `SCANS#${edition}#${code}`, sk: 'TICKET' }),
  figures: (edition: string) => ({ pk: `SCANFIGURES#${edition}`, sk: 'SCANFIGURES' }),
};

/** E-mail addresses are compared trimmed and case-insensitively. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
