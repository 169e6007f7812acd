import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * A key the local portal makes once and keeps under its data folder, where in AWS the stack has
 * Secrets Manager generate one: the audit trail's address key (so the same address hashes the same
 * across restarts) and the proof-of-work signing key (so challenges outlive a restart).
 */
export async function localSecret(dataDirectory: string, path: string): Promise<string> {
  const file = join(dataDirectory, path);
  const stored = await readFile(file, 'utf8').catch(() => undefined);
  if (stored?.trim()) return stored.trim();
  const key = randomBytes(32).toString('hex');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, key, { mode: 0o600 });
  return key;
}
