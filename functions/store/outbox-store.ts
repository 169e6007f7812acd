import type { OutboxMessage } from '../domain/registration-model.ts';
import type { AffairsReplyMessage } from '../domain/resident-affairs/reply-message.ts';

/** Every message the outbox holds: to registrants, and staff replies to residents. */
export type QueuedMessage = OutboxMessage | AffairsReplyMessage;

export interface OutboxStore {
  /** Messages not yet handed to the mail service, oldest first. */
  pending(limit: number): Promise<QueuedMessage[]>;
  /** False when the message is no longer stored: its registration was erased meanwhile. */
  markSent(id: string, at: Date): Promise<boolean>;
}
