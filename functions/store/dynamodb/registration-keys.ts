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

/** E-mail addresses are compared trimmed and case-insensitively. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
