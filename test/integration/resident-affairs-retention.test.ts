/**
 * The retention rule of resident affairs on DynamoDB Local, with the photos in a folder as locally:
 * a request closed longer ago than the period loses its personal data, its place is coarsened to the
 * public cell, its photos, its queued e-mail and the e-mail's delivered copy go; recent and open
 * requests stay as they are; uploads never attached go after a day; a second run finds nothing.
 */
import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../functions/domain/ids.ts';
import type { CheckedPhoto } from '../../functions/domain/photos/photo.ts';
import { coarsen } from '../../functions/domain/resident-affairs/public-location.ts';
import { replyMessage } from '../../functions/domain/resident-affairs/reply-message.ts';
import { shredResidentAffairs } from '../../functions/domain/resident-affairs/retention.ts';
import { createEmlDirectoryTransport } from '../../functions/mail/eml-directory-transport.ts';
import { DynamoDbOutboxStore } from '../../functions/store/dynamodb/outbox-store.ts';
import { DynamoDbResidentAffairsStore } from '../../functions/store/dynamodb/resident-affairs-store.ts';
import { createFilesystemPhotoStore } from '../../functions/store/filesystem/photo-store.ts';
import { isolatedTables } from '../support/isolated-tables.ts';
import { storedRequest } from '../support/resident-requests.ts';

const now = new Date('2027-09-01T00:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3_600_000).toISOString();
/** Any bytes do: the store keeps what it is given, and these tests never read a photo back. */
const photo: CheckedPhoto = {
  type: 'image/jpeg',
  width: 1,
  height: 1,
  bytes: new Uint8Array([0xff, 0xd8, 0xff]),
};

let tables: Awaited<ReturnType<typeof isolatedTables>>;
let folder: string;

beforeAll(async () => {
  tables = await isolatedTables();
  folder = await mkdtemp(join(tmpdir(), 'affairs-retention-'));
});
afterAll(async () => {
  await tables?.dispose();
  await rm(folder, { recursive: true, force: true });
});

describe('the retention rule of resident affairs', () => {
  it('anonymises requests closed before the period with their photos and e-mails, and removes stale uploads, once', async () => {
    const store = new DynamoDbResidentAffairsStore(
      tables.documentClient,
      tables.tableNames.residentAffairs,
      undefined,
      tables.tableNames.registrations,
    );
    const outbox = new DynamoDbOutboxStore(tables.documentClient, tables.tableNames.registrations);
    const photos = createFilesystemPhotoStore({ directory: join(folder, 'uploads') });
    const mail = createEmlDirectoryTransport(join(folder, 'outbox'));

    const closeAt = async (id: string, at: string) =>
      store.append({
        requestId: id,
        expectedState: 'submitted',
        entry: { at, kind: 'state', state: 'resolved' },
        change: { state: 'resolved', resolvedAt: at },
      });
    const oldId = newId();
    const old = await storedRequest(store, {
      id: oldId,
      submittedAt: daysAgo(200),
      photoKeys: [`requests/${oldId}/1`, `requests/${oldId}/2`],
    });
    for (const key of old.photoKeys) await photos.put(key, photo);
    const message = replyMessage(old, { id: newId(), note: 'Moved.', state: 'submitted', at: daysAgo(199) });
    await store.append({
      requestId: old.id,
      expectedState: 'submitted',
      entry: { at: daysAgo(199), kind: 'public-note', text: 'We called Wang Fang.' },
      message,
    });
    if (!message) throw new Error('the request has an e-mail address: its note is e-mailed');
    // Its copy as the mailer delivered it.
    await mail.send(message, Buffer.from('Subject: Moved.\r\n'));
    await closeAt(old.id, daysAgo(190));

    const recentId = newId();
    const recent = await storedRequest(store, {
      id: recentId,
      submittedAt: daysAgo(20),
      photoKeys: [`requests/${recentId}/1`],
    });
    await photos.put(recent.photoKeys[0] as string, photo);
    await closeAt(recent.id, daysAgo(10));
    const stillOpen = await storedRequest(store, { submittedAt: daysAgo(400) });

    await photos.put('staged/old-upload-0000000000', photo);
    await photos.put('staged/new-upload-0000000000', photo);
    const twoDaysAgo = new Date(now.getTime() - 2 * 24 * 3_600_000);
    await utimes(join(folder, 'uploads', 'staged', 'old-upload-0000000000'), twoDaysAgo, twoDaysAgo);
    await utimes(join(folder, 'uploads', 'staged', 'new-upload-0000000000'), now, now);

    const run = () =>
      shredResidentAffairs({ store, photos, mailCopies: mail, now: () => now }, 180, {
        batchSize: 25,
        maxBatches: 40,
      });
    const report = await run();
    expect(report).toMatchObject({
      closedBefore: daysAgo(180),
      anonymised: 1,
      photosRemoved: 2,
      messagesRemoved: 1,
      stagedRemoved: 1,
      remaining: false,
    });

    const anonymised = await store.get(old.id);
    expect(anonymised?.anonymisedAt).toEqual(expect.any(String));
    expect(anonymised?.request).toEqual({
      id: old.id,
      serviceCode: old.serviceCode,
      description: '',
      location: { ...coarsen({ lat: 30.7465, lon: 120.4877 }), precision: 'exact' },
      photoKeys: [],
      state: 'resolved',
      submittedAt: old.submittedAt,
      resolvedAt: daysAgo(190),
      followTokenHash: old.followTokenHash,
      locale: old.locale,
    });
    expect(JSON.stringify(anonymised)).not.toMatch(/Wang Fang|wang\.fang|Xishi|浙F/);
    expect(anonymised?.messageIds).toEqual([]);
    expect(await photos.get(old.photoKeys[0] as string)).toBeUndefined();
    expect((await outbox.pending(100)).map(({ id }) => id)).not.toContain(message.id);
    expect(await readdir(join(folder, 'outbox'))).not.toContain(`${message.id}.eml`);

    expect((await store.get(recent.id))?.request).toEqual({
      ...recent,
      state: 'resolved',
      resolvedAt: daysAgo(10),
    });
    expect(await photos.get(recent.photoKeys[0] as string)).toBeDefined();
    expect((await store.get(stillOpen.id))?.request).toEqual(stillOpen);
    expect(await readdir(join(folder, 'uploads', 'staged'))).toEqual(['new-upload-0000000000']);

    expect(await run()).toMatchObject({ anonymised: 0, photosRemoved: 0, stagedRemoved: 0 });
  });
});
