import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailTransport } from './mail-transport.ts';

/** The id names the file; anything that could step out of the directory is refused. */
const safeFileStem = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * Delivers into a directory as `<message id>.eml`, for local runs and tests: any mail client opens the
 * files. The message goes to a temporary file first and is renamed into place, so a reader never sees
 * half a message, and sending it again replaces the file rather than adding one.
 */
export function createEmlDirectoryTransport(directory: string): Required<MailTransport> {
  return {
    async send(message, raw) {
      if (!safeFileStem.test(message.id)) {
        throw new Error(`eml transport: message id ${JSON.stringify(message.id)} is not a safe file name`);
      }
      await mkdir(directory, { recursive: true });
      const target = join(directory, `${message.id}.eml`);
      const temporary = join(directory, `.${message.id}.${randomUUID()}.tmp`);
      try {
        await writeFile(temporary, raw);
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async forget(messageIds) {
      for (const id of messageIds) {
        if (safeFileStem.test(id)) await rm(join(directory, `${id}.eml`), { force: true });
      }
    },
  };
}
