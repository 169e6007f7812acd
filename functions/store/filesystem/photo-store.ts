import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { photoTypeOf } from '../../domain/photos/photo-type.ts';
import { assertPhotoKey, type PhotoStore, stagedPrefix } from '../photo-store.ts';

export interface FilesystemPhotoStoreOptions {
  /** The folder that holds the photos, one file per key: `<DATA_DIR>/uploads/` under `npm start`. */
  directory: string;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * The local photo store, for `npm start` and the tests. Each photo is written to a temporary file
 * beside its place and renamed into it, so a reader never sees half a photo. Keys pass
 * `assertPhotoKey` first, so none names a file outside `directory`. The type is read back from the
 * bytes' magic numbers: they passed `checkPhoto` on the way in. A staged upload's age is its
 * file's modification time, as an S3 object's is its LastModified.
 */
export function createFilesystemPhotoStore(options: FilesystemPhotoStoreOptions): PhotoStore {
  const { directory } = options;
  const remove = async (keys: string[]) => {
    for (const key of keys) assertPhotoKey(key);
    for (const key of keys) {
      await rm(join(directory, key), { force: true });
      // A request's folder goes with its last photo; rmdir stops at the first folder not empty, and
      // never takes a prefix's own folder (staged/, requests/), where other puts may be writing now.
      for (let folder = dirname(key); folder.includes('/'); folder = dirname(folder)) {
        const removed = await rmdir(join(directory, folder)).then(
          () => true,
          () => false,
        );
        if (!removed) break;
      }
    }
  };
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
    remove,
    async removeStagedBefore(before) {
      const names = await readdir(join(directory, stagedPrefix)).catch((error: unknown) => {
        if (isMissing(error)) return [];
        throw error;
      });
      const old: string[] = [];
      for (const name of names.filter((each) => !each.startsWith('.'))) {
        const file = await stat(join(directory, stagedPrefix, name)).catch(() => undefined);
        if (file && file.mtime.getTime() < before.getTime()) old.push(`${stagedPrefix}${name}`);
      }
      await remove(old);
      return old.length;
    },
  };
}
