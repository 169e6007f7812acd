import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { photoTypeOf } from '../../domain/photos/photo-type.ts';
import { assertPhotoKey, type PhotoStore, stagedPrefix } from '../photo-store.ts';

export interface S3PhotoStoreOptions {
  client: S3Client;
  /** A private bucket: encrypted, public access blocked, staged uploads expiring by a lifecycle rule. */
  bucket: string;
}

/** DeleteObjects takes at most this many keys a call, as ListObjectsV2 gives at most this many a page. */
const batch = 1000;

/**
 * The photo store in AWS: one object per key (`staged/…`, `requests/…`, the prefixes the function's
 * role is limited to). Photos leave the bucket only through the API's signed view route.
 */
export function createS3PhotoStore(options: S3PhotoStoreOptions): PhotoStore {
  const { client, bucket } = options;
  const objectKey = (key: string) => {
    assertPhotoKey(key);
    return key;
  };
  const remove = async (keys: string[]) => {
    const objects = keys.map((key) => ({ Key: objectKey(key) }));
    for (let start = 0; start < objects.length; start += batch) {
      const answer = await client.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: objects.slice(start, start + batch), Quiet: true },
        }),
      );
      const failed = answer.Errors ?? [];
      if (failed.length > 0) {
        throw new Error(`photo store: ${failed.length} photos not deleted (${failed[0]?.Code ?? 'unknown'})`);
      }
    }
  };
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
    remove,
    async removeStagedBefore(before) {
      let removed = 0;
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: stagedPrefix,
            MaxKeys: batch,
            ...(token ? { ContinuationToken: token } : {}),
          }),
        );
        const old = (page.Contents ?? [])
          .filter((object) => object.Key && object.LastModified && object.LastModified < before)
          .map((object) => object.Key as string);
        await remove(old);
        removed += old.length;
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return removed;
    },
  };
}
