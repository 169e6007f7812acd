import type { OutboxMessage } from '../domain/registration-model.ts';

export interface OutboxStore {
  /** Messages not yet handed to the mail service, oldest first. */
  pending(limit: number): Promise<OutboxMessage[]>;
  /** False when the message is no longer stored: its registration was erased meanwhile. */
  markSent(id: string, at: Date): Promise<boolean>;
}
