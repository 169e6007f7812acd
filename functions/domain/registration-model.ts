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
  /**
   * When its personal data was erased (by its holder, an organizer or the retention rule). An
   * erased registration keeps only what the statistics count; its name, e-mail and code read empty.
   */
  erasedAt?: string;
}

export type OutboxKind =
  | 'confirmed'
  | 'waitlisted'
  | 'pending_approval'
  | 'promoted'
  | 'approved'
  | 'rejected'
  | 'cancelled';

/** A message to a registrant, written in the same transaction as the change it reports. */
export interface OutboxMessage {
  id: string;
  kind: OutboxKind;
  to: string;
  name: string;
  language: Language;
  registrationId: string;
  code: string;
  categoryName: LocalizedText;
  editionName: LocalizedText;
  /**
   * The manage link with its token in the fragment. Only the first message has it: afterwards the
   * portal knows the token's hash alone, so later messages point back to the first.
   */
  manageUrl?: string;
  createdAt: string;
}
