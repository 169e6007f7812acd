import type { QueuedMessage } from '../store/outbox-store.ts';

/** Hands a composed message to whatever delivers it: SES in AWS, a folder of .eml files locally. */
export interface MailTransport {
  send(message: QueuedMessage, raw: Buffer): Promise<void>;
  /** Removes the copies it keeps of these messages (an erasure); SES keeps none, so has no such method. */
  forget?(messageIds: readonly string[]): Promise<void>;
}
