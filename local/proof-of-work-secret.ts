import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The key the local portal signs proof-of-work challenges with, made once under the data folder
 * (as the Secrets Manager secret is made once per stack in AWS), so challenges outlive a restart.
 */
export async function localProofOfWorkSecret(dataDirectory: string): Promise<string> {
  const file = join(dataDirectory, 'auth', 'proof-of-work-secret');
  const stored = await readFile(file, 'utf8').catch(() => undefined);
  if (stored?.trim()) return stored.trim();
  const secret = randomBytes(32).toString('hex');
  await mkdir(join(dataDirectory, 'auth'), { recursive: true });
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}
