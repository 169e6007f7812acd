import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Locally the key that hashes client addresses in the audit trail is generated once and kept under
 * the data folder, as the signing key of organizer tokens is; in AWS it is a Secrets Manager secret.
 * Keeping it means the same address hashes the same across restarts, so entries still match.
 */
export async function auditAddressKey(dataDirectory: string): Promise<string> {
  const file = join(dataDirectory, 'audit', 'address-key');
  const stored = await readFile(file, 'utf8').catch(() => undefined);
  if (stored) return stored.trim();
  const key = randomBytes(32).toString('hex');
  await mkdir(join(dataDirectory, 'audit'), { recursive: true });
  await writeFile(file, key, { mode: 0o600 });
  return key;
}
