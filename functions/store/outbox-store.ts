import type { OutboxMessage } from '../domain/registration-model.ts';

export interface OutboxStore {
  /** Messages not yet handed to the mail service, oldest first. */
  pending(limit: number): Promise<OutboxMessage[]>;
  markSent(id: string, at: Date): Promise<void>;
}
