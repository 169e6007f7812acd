import type { OutboxMessage, Registration } from '../../domain/registration-model.ts';
import type { EditionInfo } from '../edition-info.ts';
import type { CategoryState } from '../registration-store.ts';
import { MemoryAuditTrail } from './audit-store.ts';

export interface MemoryRegistration {
  registration: Registration;
  manageTokenHash: string;
  checkinNonce?: string;
  /** Its place in the waiting list, while it waits. */
  waitlistOrder?: string;
  /** The messages written for it, so an erasure finds their copies. */
  outboxIds: string[];
  idempotencyRecordId?: string;
}

export interface MemoryIdempotencyRecord {
  state: 'in_progress' | 'completed';
  requestHash: string;
  lockedUntil?: number;
  sealedResponse?: string;
}

/**
 * Everything the registration ports keep, in one place as in the one DynamoDB table, so the
 * registration store can complete an idempotency record and write messages in the same change.
 */
export class MemoryRegistrationData {
  currentEdition: EditionInfo | undefined;
  /** By `${edition}#${category id}`. */
  readonly categories = new Map<string, CategoryState>();
  readonly registrations = new Map<string, MemoryRegistration>();
  /** The registration id that claims each `${edition}#${normalized e-mail}`. */
  readonly emails = new Map<string, string>();
  /** The registration id that claims each check-in code. */
  readonly codes = new Map<string, string>();
  readonly idempotency = new Map<string, MemoryIdempotencyRecord>();
  readonly outbox = new Map<string, { message: OutboxMessage; sentAt?: string }>();
  /** The audit trail, which staff changes of registrations append to in the same change. */
  readonly audit = new MemoryAuditTrail();
  /** The desks' revoked list of erased tickets: by `${edition}#${code hash}`, its expiresAt. */
  readonly revokedTickets = new Map<string, number>();
  /** When each queueOnce key may queue again. */
  readonly queuedOnce = new Map<string, string>();
}

export const categoryKey = (edition: string, id: string) => `${edition}#${id}`;
