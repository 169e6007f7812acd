/**
 * The consent fields every registration body carries, for tests and benchmarks that register
 * without the form: the notice version must be the one the API holds, or it answers 400.
 */
import { loadPrivacyNotice } from '../../content/load.ts';

/** The notice version of test editions seeded straight into a store (integration fixtures, domain scenarios). */
export const testNoticeVersion = 'test-notice-1';

/** Every consent given, to the given notice version; sharing with partners left off, as on the form. */
export const consentsTo = (noticeVersion: string) => ({
  consent: true as const,
  crossBorderConsent: true as const,
  partnerSharingConsent: false,
  noticeVersion,
});

/** For a running portal, which is seeded from the content: the notice in `content/privacy/`. */
export const portalConsents = consentsTo((await loadPrivacyNotice()).version);
