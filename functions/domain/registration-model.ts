import type { LocalizedText } from '../../content/schemas/localized.ts';

/** Every status a registration can have: the one list the contract, the store and the pages derive from. */
export const registrationStatuses = [
  'confirmed',
  'waitlisted',
  'pending_approval',
  'rejected',
  'cancelled',
] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

export const languages = ['en', 'zh'] as const;
export type Language = (typeof languages)[number];

/** What a registrant agreed to and when: kept with the registration as proof of consent. */
export interface ConsentReceipt {
  /** The version of the privacy notice the registration page showed. */
  noticeVersion: string;
  /** The language the notice was shown in. */
  language: Language;
  givenAt: string;
  /** Keeping and using the data for the registration: required, so always true. */
  registration: true;
  /** The transfer out of mainland China, a separate consent under PIPL: required while the data is held outside it. */
  crossBorderTransfer: true;
  /** Passing name, organization and job title to partners: optional, off unless ticked. */
  partnerSharing: boolean;
}

/** Where figures by notice version count registrations made before receipts were kept. */
export const noReceiptVersion = 'none';

/** A registration as stored: personal data, never shown to anyone but its holder and organizers. */
export interface Registration {
  id: string;
  edition: string;
  category: string;
  status: RegistrationStatus;
  name: string;
  email: string;
  country: string;
  organization?: string;
  jobTitle?: string;
  language: Language;
  dietary?: string;
  needsVisaLetter: boolean;
  /** The check-in code, without separators (see checkin-code.ts). */
  code: string;
  createdAt: string;
  updatedAt: string;
  checkedInAt?: string;
  /** Absent only on registrations made before receipts were kept. */
  consent?: ConsentReceipt;
  /**
   * When its personal data was erased (by its holder, an organizer or the retention rule). An
   * erased registration keeps only what the statistics count; its name, e-mail and code read empty.
   */
  erasedAt?: string;
}

/** Every kind of message to a registrant; the last tells the holder of an address that someone tried to register it again. */
export const outboxKinds = [
  'confirmed',
  'waitlisted',
  'pending_approval',
  'promoted',
  'approved',
  'rejected',
  'cancelled',
  'already_registered',
] as const;
export type OutboxKind = (typeof outboxKinds)[number];

/** A message to a registrant, written in the same transaction as the change it reports. */
export interface OutboxMessage {
  id: string;
  kind: OutboxKind;
  to: string;
  name: string;
  language: Language;
  registrationId: string;
  /** The edition the registration is for: its ticket's signed code names it. */
  edition: string;
  code: string;
  categoryName: LocalizedText;
  editionName: LocalizedText;
  /**
   * The manage link with its token in the fragment. Only the first message has it: afterwards the
   * portal knows the token's hash alone, so later messages point back to the first. A message an
   * organizer sends again carries a new one (its token replaced the old).
   */
  manageUrl?: string;
  /** Sent again by an organizer (POST /api/admin/registrations/{id}/resend). */
  resent?: true;
  createdAt: string;
  /** The API request that queued it, so the mailer's log lines join that request's (not personal). */
  requestId?: string;
}
