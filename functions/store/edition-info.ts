import type { LocalizedText } from '../../content/schemas/localized.ts';

/** The edition that registrations are for, as the functions know it at run time (seeded from content). */
export interface EditionInfo {
  id: string;
  name: LocalizedText;
  /** The version of the privacy notice registrations for it agree to. */
  noticeVersion: string;
}
