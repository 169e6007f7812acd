import { hashManageToken } from '../domain/manage-token.ts';
import { photoViews } from '../domain/photos/photo-view-url.ts';
import { anonymiseRequest } from '../domain/resident-affairs/anonymise.ts';
import { followView } from '../domain/resident-affairs/follow-view.ts';
import { bearerToken } from '../http/request-info.ts';
import { json, notFound, problem } from '../http/response.ts';
import type { Routes } from '../http/route-handler.ts';
import type { StoredServiceRequest } from '../store/resident-affairs-store.ts';
import { ResidentAffairsConflict } from '../store/store-errors.ts';
import type { ResidentAffairsDependencies } from './resident-affairs-dependencies.ts';

const personal = { 'cache-control': 'no-store' };
const noSuchRequest = () => notFound('There is no request with this follow token.');
const erased = () =>
  problem({ kind: 'erased', detail: "This request's personal data has been erased; nothing of it is kept." });

type FollowRoutes = Pick<
  Routes<'residentAffairs'>,
  | 'GET /api/resident-affairs/follow'
  | 'GET /api/resident-affairs/follow/export'
  | 'DELETE /api/resident-affairs/follow'
>;

export function residentFollowRoutes(deps: ResidentAffairsDependencies): FollowRoutes {
  /** The request of the bearer's follow token; a missing or wrong token finds nothing, as an unknown one. */
  const followed = async (event: Parameters<FollowRoutes['GET /api/resident-affairs/follow']>[1]) => {
    const token = bearerToken(event);
    return token ? deps.store.getByFollowToken(hashManageToken(token)) : undefined;
  };
  const photosOf = async ({ request }: StoredServiceRequest) =>
    photoViews(await deps.photoViewSecret(), request.photoKeys, deps.now());

  return {
    'GET /api/resident-affairs/follow': async (_request, event) => {
      const stored = await followed(event);
      if (!stored) return noSuchRequest();
      if (stored.anonymisedAt) return erased();
      const { photoKeys: _keys, ...view } = followView(stored.request, stored.timeline);
      return json(200, { ...view, locale: stored.request.locale, photos: await photosOf(stored) }, personal);
    },

    'GET /api/resident-affairs/follow/export': async (_request, event) => {
      const stored = await followed(event);
      if (!stored) return noSuchRequest();
      if (stored.anonymisedAt) return erased();
      const { followTokenHash: _hash, photoKeys: _keys, attributes = {}, ...request } = stored.request;
      const { timeline } = followView(stored.request, stored.timeline);
      return json(
        200,
        {
          exportedAt: deps.now().toISOString(),
          request: { ...request, attributes },
          photos: await photosOf(stored),
          timeline,
        },
        {
          ...personal,
          'content-disposition': `attachment; filename="wuzhen-request-${stored.request.id}.json"`,
        },
      );
    },

    'DELETE /api/resident-affairs/follow': async (_request, event) => {
      // Staff may change the request's state between the read and the erasure: read it again then.
      for (let attempt = 0; ; attempt += 1) {
        const stored = await followed(event);
        if (!stored) return noSuchRequest();
        if (stored.anonymisedAt) return erased();
        try {
          await anonymiseRequest(deps, stored.request);
        } catch (error) {
          if (error instanceof ResidentAffairsConflict && attempt < 2) continue;
          throw error;
        }
        return json(200, { erased: true }, personal);
      }
    },
  };
}
