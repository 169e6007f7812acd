import { checkPhoto } from '../domain/photos/check-photo.ts';
import { PhotoRejected } from '../domain/photos/photo.ts';
import { photoViewSeconds, verifiedPhotoViewKey } from '../domain/photos/photo-view-url.ts';
import { newUploadId, stagedKey, stagedUploadMs } from '../domain/resident-affairs/submit-request.ts';
import { clientAddress } from '../http/request-info.ts';
import { json, notFound, problem } from '../http/response.ts';
import type { Routes } from '../http/route-handler.ts';
import { requestPhotosPrefix } from '../store/photo-store.ts';
import type { ResidentAffairsDependencies } from './resident-affairs-dependencies.ts';

/**
 * Uploads per client address: a report takes at most three photos, and a shared address (a hotel,
 * a phone network's gateway) sends several reports; a flood waits.
 */
const uploadRate = { limit: 30, windowSeconds: 600 };

const noSuchPhoto = () => notFound('There is no such photo, or its link has expired.');

type PhotoRoutes = Pick<
  Routes<'residentAffairs'>,
  'POST /api/resident-affairs/photos' | 'GET /api/resident-affairs/photo'
>;

export function residentPhotoRoutes(deps: ResidentAffairsDependencies): PhotoRoutes {
  return {
    'POST /api/resident-affairs/photos': async ({ body }, event) => {
      const now = deps.now();
      const allowed = await deps.rateLimiter.hit(`photos:${clientAddress(event)}`, uploadRate, now);
      if (!allowed.ok) {
        return problem({
          kind: 'rate-limited',
          detail: 'Many photos came from your address in a short time; please wait before sending more.',
          headers: { 'retry-after': String(allowed.retryAfterSeconds) },
        });
      }
      let photo: ReturnType<typeof checkPhoto>;
      try {
        photo = checkPhoto(body.bytes);
      } catch (error) {
        if (!(error instanceof PhotoRejected)) throw error;
        if (error.status === 413) return problem({ kind: 'content-too-large', detail: error.message });
        return problem({
          kind: 'photo-rejected',
          detail: error.message,
          errors: [{ path: '(body)', message: error.reason }],
        });
      }
      const uploadId = newUploadId();
      await deps.photos.put(stagedKey(uploadId), photo);
      return json(
        201,
        {
          upload_id: uploadId,
          type: photo.type,
          width: photo.width,
          height: photo.height,
          bytes: photo.bytes.length,
          expires_at: new Date(now.getTime() + stagedUploadMs).toISOString(),
        },
        { 'cache-control': 'no-store' },
      );
    },

    'GET /api/resident-affairs/photo': async ({ query }) => {
      const now = deps.now();
      const key = verifiedPhotoViewKey(await deps.photoViewSecret(), query, now);
      // Only a request's photos are ever shown; staged uploads are nobody's to see yet.
      if (!key?.startsWith(requestPhotosPrefix)) return noSuchPhoto();
      const photo = await deps.photos.get(key);
      if (!photo) return noSuchPhoto();
      const remaining = Math.min(photoViewSeconds, Number(query.expires) - Math.floor(now.getTime() / 1000));
      return {
        statusCode: 200,
        headers: { 'content-type': photo.type, 'cache-control': `private, max-age=${remaining}` },
        body: Buffer.from(photo.bytes).toString('base64'),
        isBase64Encoded: true,
      };
    },
  };
}
