import type { OutboxStore, QueuedMessage } from '../outbox-store.ts';
import type { MemoryRegistrationData } from './registration-data.ts';

export class MemoryOutboxStore implements OutboxStore {
  readonly #data: MemoryRegistrationData;

  constructor(data: MemoryRegistrationData) {
    this.#data = data;
  }

  async pending(limit: number): Promise<QueuedMessage[]> {
    return [...this.#data.outbox.values()]
      .filter((entry) => entry.sentAt === undefined)
      .map((entry) => structuredClone(entry.message))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, limit);
  }

  async markSent(id: string, at: Date): Promise<boolean> {
    const entry = this.#data.outbox.get(id);
    if (!entry) return false;
    entry.sentAt = at.toISOString();
    // The manage link holds a secret token: once delivered, the copy here is dropped.
    delete entry.message.manageUrl;
    return true;
  }
}
