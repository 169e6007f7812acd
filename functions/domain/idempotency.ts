import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { IdempotencyStore } from '../store/idempotency-store.ts';

export const maxIdempotencyKeyLength = 255;

/**
 * Where a key's answer is kept. The client's address is part of it, so a key one client chose
 * can never replay the answer another client got with the same key.
 */
export function idempotencyRecordId(key: string, client: string): string {
  return createHash('sha256').update(`${client}\n${key}`, 'utf8').digest('hex');
}

export function requestHash(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

function sealingKey(idempotencyKey: string, recordId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', idempotencyKey, recordId, 'wuzhen-portal idempotent answer', 32));
}

/**
 * The stored answer carries a manage token, which the portal otherwise keeps only as a hash; it is
 * sealed with a key derived from the Idempotency-Key, so only the client that sent it can open it.
 */
export function sealResponse(response: unknown, idempotencyKey: string, recordId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(idempotencyKey, recordId), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(response), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
}

export function openResponse<T>(sealed: string, idempotencyKey: string, recordId: string): T {
  const [iv = '', tag = '', data = ''] = sealed.split('.');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    sealingKey(idempotencyKey, recordId),
    Buffer.from(iv, 'base64url'),
  );
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as T;
}

/** A request sent with an Idempotency-Key. */
export interface IdempotencyRequest {
  key: string;
  /** Who is asking (their address): keys are scoped to it. */
  client: string;
  /** The request body exactly as received (what a retry must repeat). */
  body: string;
}

/** The record a request with a key claims: where its answer is kept, and the hash its retries must match. */
export interface IdempotencyRecord {
  key: string;
  id: string;
  requestHash: string;
}

/** What an earlier request with the same key decides instead of running this one. */
export type EarlierRequest<R> =
  | { kind: 'replayed'; response: R }
  | { kind: 'key_reused' }
  | { kind: 'in_flight' };

/**
 * Runs a creating request at most once per Idempotency-Key and body: a retry of a completed one
 * gets its sealed answer back, one still running is told so, another body with the same key is
 * refused. `run` completes the record in the same transaction as what it creates (outcome
 * `created`); any other outcome frees the key for a corrected request. After a fault (a throw: the
 * database did not answer) the outcome is unknown: the hold expires by itself (5 s), and waiting
 * for a second timeout here would make the 503 take twice as long.
 */
export async function runOnce<O extends { kind: string }, R>(
  store: IdempotencyStore,
  now: Date,
  request: IdempotencyRequest | undefined,
  run: (record: IdempotencyRecord | undefined) => Promise<O>,
): Promise<O | EarlierRequest<R>> {
  const record = request && {
    key: request.key,
    id: idempotencyRecordId(request.key, request.client),
    requestHash: requestHash(request.body),
  };
  if (record) {
    const earlier = await store.begin(record.id, record.requestHash, now);
    if (earlier.state !== 'started' && earlier.requestHash !== record.requestHash)
      return { kind: 'key_reused' };
    if (earlier.state === 'in_flight') return { kind: 'in_flight' };
    if (earlier.state === 'completed') {
      return { kind: 'replayed', response: openResponse<R>(earlier.sealedResponse, record.key, record.id) };
    }
  }
  let outcome: O | undefined;
  try {
    outcome = await run(record);
    return outcome;
  } finally {
    if (record && outcome && outcome.kind !== 'created') await store.abandon(record.id);
  }
}
