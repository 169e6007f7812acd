import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { photoTypeOf } from '../../domain/photos/photo-type.ts';
import { signedPhotoViewUrl } from '../../domain/photos/photo-view-url.ts';
import { assertPhotoKey, assertViewSeconds, type PhotoStore, stagedPrefix } from '../photo-store.ts';

export interface FilesystemPhotoStoreOptions {
  /** The folder that holds the photos, one file per key: `.data/uploads/` under `npm start`. */
  directory: string;
  /** The API path that serves a photo to the holder of a signed view URL. */
  viewPath: string;
  /** The key view URLs are signed with. */
  viewSecret: string;
  now: () => Date;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * The local photo store, for `npm start` and the tests. Each photo is written to a temporary file
 * beside its place and renamed into it, so a reader never sees half a photo. Keys pass
 * `assertPhotoKey` first, so none names a file outside `directory`. The type is read back from the
 * bytes' magic numbers: they passed `checkPhoto` on the way in.
 */
export function createFilesystemPhotoStore(options: FilesystemPhotoStoreOptions): PhotoStore {
  const { directory } = options;
  return {
    async put(key, photo) {
      assertPhotoKey(key);
      const target = join(directory, key);
      await mkdir(dirname(target), { recursive: true });
      // Keys never start with a dot, so a temporary file cannot be taken for a photo.
      const temporary = join(dirname(target), `.${randomUUID()}.tmp`);
      try {
        await writeFile(temporary, photo.bytes, { mode: 0o600 });
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async get(key) {
      assertPhotoKey(key);
      try {
        const bytes = new Uint8Array(await readFile(join(directory, key)));
        return { type: photoTypeOf(bytes), bytes };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async remove(keys) {
      for (const key of keys) assertPhotoKey(key);
      for (const key of keys) {
        await rm(join(directory, key), { force: true });
        // A request's folder goes with its last photo; rmdir stops at the first folder not empty.
        for (let folder = dirname(key); folder !== '.'; folder = dirname(folder)) {
          const removed = await rmdir(join(directory, folder)).then(
            () => true,
            () => false,
          );
          if (!removed) break;
        }
      }
    },
    async removeStagedBefore(before) {
      const folder = join(directory, stagedPrefix);
      let removed = 0;
      for (const name of await readdir(folder).catch(() => [])) {
        // Temporary files start with a dot: a photo being written is not an upload yet.
        if (name.startsWith('.')) continue;
        const file = join(folder, name);
        if ((await stat(file)).mtime < before) {
          await rm(file, { force: true });
          removed += 1;
        }
      }
      return removed;
    },
    async viewUrl(key, seconds) {
      assertPhotoKey(key);
      assertViewSeconds(seconds);
      const expires = Math.floor(options.now().getTime() / 1000) + seconds;
      return signedPhotoViewUrl(options.viewSecret, options.viewPath, key, expires);
    },
  };
}
