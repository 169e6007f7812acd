/**
 * The longest each free-text field a client sends may be, in characters: the contract's schemas
 * check them and the pages' `maxlength` attributes repeat them from here. Plain numbers, no zod, so
 * a page script may import them without pulling zod into its JavaScript.
 */
export const registrationLimits = {
  name: 200,
  email: 254,
  organization: 200,
  jobTitle: 200,
  dietary: 500,
} as const;

/** An organizer's reason for correcting a registration, kept in the audit trail. */
export const editReasonLimits = { min: 3, max: 500 } as const;

/** The most registrations one bulk decision names. */
export const bulkDecisionLimit = 200;

export const reviewLimits = { comment: 2000, author: 80 } as const;

/** The words of a search: the town guide's and the organizers' registration list. */
export const searchTextLimit = 100;

/**
 * A check-in code as typed at the desk, separators and spaces included, or a ticket's signed code
 * (127 symbols) as a QR reader sends it.
 */
export const checkinCodeLimit = 160;

/**
 * A resident's request (GeoReport v2 POST requests.json). The description's 4,000 is the spec's own
 * limit; an attribute answer is a short value (a list key, a pole number, a plate).
 */
export const residentRequestLimits = {
  description: 4000,
  addressString: 300,
  email: 254,
  /** An optional leading + and up to 20 digits, spaces, ( ) and -: the longest phone new-request.ts takes. */
  phone: 21,
  name: 100,
  attribute: 200,
  /** A staff member's note on a request, public or internal. */
  staffNote: 2000,
} as const;
