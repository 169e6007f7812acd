import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPhoto } from '../../functions/domain/photos/check-photo.ts';
import { createFilesystemPhotoStore } from '../../functions/store/filesystem/photo-store.ts';
import type { PhotoStore } from '../../functions/store/photo-store.ts';

const fixtures = join(import.meta.dirname, '../fixtures/photos');
const jpeg = checkPhoto(new Uint8Array(await readFile(join(fixtures, 'gps-exif.jpg'))));
const png = checkPhoto(new Uint8Array(await readFile(join(fixtures, 'text-exif.png'))));
const webp = checkPhoto(new Uint8Array(await readFile(join(fixtures, 'exif-xmp.webp'))));

const requestId = '01JY5W6Q7Z8X9V0T1S2R3Q4P5N';

/** Every file under `folder`, relative, sorted. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

let root: string;
let uploads: string;
let store: PhotoStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wuzhen-photo-store-'));
  uploads = join(root, 'uploads');
  store = createFilesystemPhotoStore({ directory: uploads });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the filesystem photo store', () => {
  it('gives back each photo with its type as it was put, one file per key and no temporary file left', async () => {
    await store.put(`requests/${requestId}/1`, jpeg);
    await store.put(`requests/${requestId}/2`, png);
    await store.put(`requests/${requestId}/3`, webp);

    expect(await store.get(`requests/${requestId}/1`)).toEqual({ type: 'image/jpeg', bytes: jpeg.bytes });
    expect(await store.get(`requests/${requestId}/2`)).toEqual({ type: 'image/png', bytes: png.bytes });
    expect(await store.get(`requests/${requestId}/3`)).toEqual({ type: 'image/webp', bytes: webp.bytes });
    expect(await filesUnder(uploads)).toEqual([1, 2, 3].map((n) => `requests/${requestId}/${n}`));
  });

  it('answers undefined for a key never put, and a second put replaces the photo whole', async () => {
    expect(await store.get(`requests/${requestId}/1`)).toBeUndefined();
    await store.put(`requests/${requestId}/1`, jpeg);
    await store.put(`requests/${requestId}/1`, png);
    expect(await store.get(`requests/${requestId}/1`)).toEqual({ type: 'image/png', bytes: png.bytes });
  });

  it('writes atomically: photos put at once under one key leave one of them whole, never a mix', async () => {
    const photos = [jpeg, png, webp, jpeg, png, webp];
    await Promise.all(photos.map((photo) => store.put(`requests/${requestId}/1`, photo)));
    const stored = await store.get(`requests/${requestId}/1`);
    expect([jpeg.bytes, png.bytes, webp.bytes]).toContainEqual(stored?.bytes);
    expect(await filesUnder(uploads)).toEqual([`requests/${requestId}/1`]);
  });

  it('removes the photos named, skips keys not stored, and takes the emptied request folder with them', async () => {
    await store.put(`requests/${requestId}/1`, jpeg);
    await store.put(`requests/${requestId}/2`, png);
    await store.put('requests/01JY5W6Q7Z8X9V0T1S2R3Q4P5P/1', webp);

    await store.remove([`requests/${requestId}/1`, `requests/${requestId}/9`]);
    expect(await filesUnder(uploads)).toEqual([
      `requests/${requestId}/2`,
      'requests/01JY5W6Q7Z8X9V0T1S2R3Q4P5P/1',
    ]);

    await store.remove([`requests/${requestId}/2`]);
    expect(await readdir(join(uploads, 'requests'))).toEqual(['01JY5W6Q7Z8X9V0T1S2R3Q4P5P']);
    expect(await store.get(`requests/${requestId}/2`)).toBeUndefined();
  });

  it('refuses every key that could name a file outside its folder, and writes or reads nothing for it', async () => {
    await writeFile(join(root, 'outside'), 'not a photo');
    const keys = [
      '../outside',
      'requests/../../outside',
      '/etc/passwd',
      `${root}/outside`,
      'requests\\..\\..\\outside',
      '.hidden',
      'requests//1',
      'requests/1/',
      '',
      'requests/1\0',
      'requests/%2e%2e/1',
    ];
    for (const key of keys) {
      await expect(store.put(key, jpeg), key).rejects.toThrow(/is not a photo key/);
      await expect(store.get(key), key).rejects.toThrow(/is not a photo key/);
      await expect(store.remove([key]), key).rejects.toThrow(/is not a photo key/);
    }
    expect(await filesUnder(root)).toEqual(['outside']);
    expect(await readFile(join(root, 'outside'), 'utf8')).toBe('not a photo');
  });

  it('removes the staged uploads older than the instant given, and nothing else', async () => {
    expect(await store.removeStagedBefore(new Date())).toBe(0);
    await store.put('staged/old-upload-aaaaaaaaaaaa', jpeg);
    await store.put('staged/new-upload-bbbbbbbbbbbb', png);
    await store.put(`requests/${requestId}/1`, webp);
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    await utimes(join(uploads, 'staged/old-upload-aaaaaaaaaaaa'), dayAgo, dayAgo);
    await utimes(join(uploads, `requests/${requestId}/1`), dayAgo, dayAgo);

    expect(await store.removeStagedBefore(new Date(Date.now() - 24 * 3600_000))).toBe(1);
    expect(await filesUnder(uploads)).toEqual([`requests/${requestId}/1`, 'staged/new-upload-bbbbbbbbbbbb']);
  });
});
