import type { EditionInfo } from '../store/edition-info.ts';
import type { RegistrationInput } from './registration-input.ts';
import type { ConsentReceipt } from './registration-model.ts';

/**
 * Why the consents sent cannot be recorded: the page showed another notice than the one in force.
 * It is refused rather than recorded, so a receipt never names a notice the person did not see.
 */
export function noticeVersionProblem(input: RegistrationInput, edition: EditionInfo): string | undefined {
  return input.noticeVersion === edition.noticeVersion
    ? undefined
    : `is not the current privacy notice (${edition.noticeVersion}): reload the page and read it again`;
}

/** The receipt of consents the input schema and noticeVersionProblem accepted, given at the registration's time. */
export function consentReceipt(input: RegistrationInput, givenAt: string): ConsentReceipt {
  return {
    noticeVersion: input.noticeVersion,
    language: input.noticeLanguage ?? input.language,
    givenAt,
    registration: input.consent,
    crossBorderTransfer: input.crossBorderConsent,
    partnerSharing: input.partnerSharingConsent,
  };
}
