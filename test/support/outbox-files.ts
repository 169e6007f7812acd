import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The message a running portal wrote for a registration (`<data>/outbox/*.eml`), polled for: the
 * outbox poller delivers every half second, so 10 s is a generous deadline on a loaded machine.
 */
export async function waitForEml(dataDirectory: string, registrationId: string): Promise<string> {
  const [raw] = await waitForEmls(dataDirectory, registrationId, 1);
  return raw as string;
}

/** At least `count` messages that contain a text (a registration id, an address), in no particular order. */
export async function waitForEmls(
  dataDirectory: string,
  containing: string,
  count: number,
): Promise<string[]> {
  const outbox = join(dataDirectory, 'outbox');
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const found: string[] = [];
    for (const file of await readdir(outbox).catch(() => [])) {
      const raw = await readFile(join(outbox, file), 'utf8');
      if (raw.includes(containing)) found.push(raw);
    }
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`fewer than ${count} messages with ${containing} in ${outbox}`);
}
