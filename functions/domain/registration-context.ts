import type { EditionInfo } from '../store/edition-info.ts';
import type { IdempotencyStore } from '../store/idempotency-store.ts';
import type { RegistrationStore } from '../store/registration-store.ts';

/** What the registration use cases need from the outside world. */
export interface RegistrationContext {
  store: RegistrationStore;
  idempotency: IdempotencyStore;
  edition: EditionInfo;
  /** The site's origin, for the manage link in messages: "https://portal.example.org". */
  siteOrigin: string;
  now: () => Date;
  /**
   * Where delivered messages leave copies the portal must remove with an erasure: the local
   * outbox's `.eml` files. None in AWS, where SES keeps no copy.
   */
  mailCopies?: { forget(messageIds: readonly string[]): Promise<void> };
}
