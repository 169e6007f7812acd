import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

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
