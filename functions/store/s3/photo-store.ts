import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { photoTypeOf } from '../../domain/photos/photo-type.ts';
import { assertPhotoKey, assertViewSeconds, type PhotoStore, stagedPrefix } from '../photo-store.ts';

export interface S3PhotoStoreOptions {
  client: S3Client;
  /** A private bucket: encrypted, public access blocked, expiring objects with the requests' retention. */
  bucket: string;
  /** Where the photos sit in the bucket ("photos/"), the prefix the function's role is limited to. */
  prefix: string;
  now: () => Date;
}

/** DeleteObjects takes at most this many keys a call. */
const deleteBatch = 1000;

/** The photo store in AWS: one object per key under `prefix`; photos are shown through presigned GETs. */
export function createS3PhotoStore(options: S3PhotoStoreOptions): PhotoStore {
  const { client, bucket, prefix } = options;
  const objectKey = (key: string) => {
    assertPhotoKey(key);
    return `${prefix}${key}`;
  };
  async function deleteObjects(objects: Array<{ Key: string }>) {
    for (let start = 0; start < objects.length; start += deleteBatch) {
      const answer = await client.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: objects.slice(start, start + deleteBatch), Quiet: true },
        }),
      );
      const failed = answer.Errors ?? [];
      if (failed.length > 0) {
        throw new Error(`photo store: ${failed.length} photos not deleted (${failed[0]?.Code ?? 'unknown'})`);
      }
    }
  }
  return {
    async put(key, photo) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: objectKey(key),
          Body: photo.bytes,
          ContentType: photo.type,
        }),
      );
    },
    async get(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        const bytes = await object.Body?.transformToByteArray();
        if (!bytes) return undefined;
        return { type: photoTypeOf(bytes), bytes };
      } catch (error) {
        if ((error as Error).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
    async remove(keys) {
      await deleteObjects(keys.map((key) => ({ Key: objectKey(key) })));
    },
    async removeStagedBefore(before) {
      let removed = 0;
      let token: string | undefined;
      do {
        // A page of at most 1,000 keys, deleted before the next is listed.
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: `${prefix}${stagedPrefix}`,
            ContinuationToken: token,
          }),
        );
        const old = (page.Contents ?? []).flatMap(({ Key, LastModified }) =>
          Key && LastModified && LastModified < before ? [{ Key }] : [],
        );
        await deleteObjects(old);
        removed += old.length;
        token = page.NextContinuationToken;
      } while (token);
      return removed;
    },
    async viewUrl(key, seconds) {
      assertViewSeconds(seconds);
      return getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }), {
        expiresIn: seconds,
        signingDate: options.now(),
      });
    },
  };
}
