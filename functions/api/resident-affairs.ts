import { open311Contract } from '../contract/open311.ts';
import { redeemSolution, settleSolution } from '../domain/challenges.ts';
import { idempotencyRecordId, requestHash } from '../domain/idempotency.ts';
import { weeklyFigures, wuzhenWeek } from '../domain/resident-affairs/figures.ts';
import type { RequestLocale, ServiceRequest } from '../domain/resident-affairs/model.ts';
import {
  jurisdictionId,
  servesJurisdiction,
  validateNewRequest,
} from '../domain/resident-affairs/new-request.ts';
import { open311Service, open311ServiceDefinition } from '../domain/resident-affairs/open311-services.ts';
import type { FindLandmark } from '../domain/resident-affairs/public-location.ts';
import { publicRequest } from '../domain/resident-affairs/public-view.ts';
import { maxListedRequests, requestsWindow } from '../domain/resident-affairs/request-filters.ts';
import { serviceByCode, services } from '../domain/resident-affairs/services.ts';
import { submitRequest } from '../domain/resident-affairs/submit-request.ts';
import { clientAddress } from '../http/request-info.ts';
import { invalid, json, notFound } from '../http/response.ts';
import type { Routes } from '../http/route-handler.ts';
import type { ResidentAffairsStore, ServiceRequestQuery } from '../store/resident-affairs-store.ts';
import { refusedSolution } from './challenge.ts';
import { earlierRequestProblem } from './idempotency-answers.ts';
import type { ResidentAffairsDependencies } from './resident-affairs-dependencies.ts';
import { residentFollowRoutes } from './resident-follow.ts';
import { residentPhotoRoutes } from './resident-photos.ts';

// The caller's value is not echoed: it is free text.
const unknownJurisdiction = () =>
  notFound(`This endpoint serves one jurisdiction, "${jurisdictionId}", and no other.`);

type Open311Contract = typeof open311Contract;
/** The GeoReport routes that declare how long their answers may be kept. */
type Cached = {
  [K in keyof Open311Contract]: Open311Contract[K] extends { cacheControl: string } ? K : never;
}[keyof Open311Contract];

const cacheControl = (key: Cached) => ({ 'cache-control': open311Contract[key].cacheControl });

/** The landmarks of some requests, read once each, in the names of one language. */
async function landmarksOf(
  deps: ResidentAffairsDependencies,
  requests: readonly ServiceRequest[],
  locale: RequestLocale,
): Promise<FindLandmark> {
  const ids = new Set(
    requests.flatMap(({ location }) => ('landmarkVenueId' in location ? [location.landmarkVenueId] : [])),
  );
  const found = new Map(
    await Promise.all([...ids].map(async (id) => [id, await deps.findLandmark(id)] as const)),
  );
  return (id) => {
    const landmark = found.get(id);
    return landmark && { location: landmark.location, name: landmark.name[locale] };
  };
}

/** Requests as anyone reads them, each with its public timeline (its latest note, its last change). */
async function publicRequests(
  deps: ResidentAffairsDependencies,
  ids: readonly string[],
  locale: RequestLocale,
) {
  const stored = (await Promise.all(ids.map((id) => deps.store.get(id)))).filter(
    (each) => each !== undefined,
  );
  const findLandmark = await landmarksOf(
    deps,
    stored.map(({ request }) => request),
    locale,
  );
  const context = { locale, findLandmark, firstResponseTargetMinutes: deps.firstResponseTargetMinutes };
  return stored.map(({ request, timeline }) => publicRequest(request, timeline, context));
}

/**
 * The window's requests, newest first, at most `maxListedRequests`, of the codes and statuses asked:
 * one code or one status is the store's filter, several are filtered here.
 */
async function windowRequests(
  store: ResidentAffairsStore,
  query: Omit<ServiceRequestQuery, 'limit' | 'cursor' | 'serviceCode' | 'status'>,
  codes: readonly string[] | undefined,
  statuses: readonly ('open' | 'closed')[] | undefined,
) {
  const [onlyCode] = codes?.length === 1 ? codes : [];
  const [onlyStatus] = statuses?.length === 1 ? statuses : [];
  const found: ServiceRequest[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list({
      ...query,
      ...(onlyCode ? { serviceCode: onlyCode } : {}),
      ...(onlyStatus ? { status: onlyStatus } : {}),
      limit: maxListedRequests,
      ...(cursor ? { cursor } : {}),
    });
    for (const request of page.items) {
      if (!codes || codes.includes(request.serviceCode)) found.push(request);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && found.length < maxListedRequests);
  return found.slice(0, maxListedRequests);
}

/**
 * Residents' requests to the township: Open311 GeoReport v2, photo uploads and views, the
 * requester's follow link and the public figures (docs/resident-affairs.md).
 */
export function residentAffairsRoutes(deps: ResidentAffairsDependencies): Routes<'residentAffairs'> {
  return {
    'GET /api/open311/v2/services.json': async ({ query }) => {
      if (!servesJurisdiction(query.jurisdiction_id)) return unknownJurisdiction();
      const locale = query.locale ?? 'en';
      return json(
        200,
        services.map((service) => open311Service(service, locale)),
        cacheControl('GET /api/open311/v2/services.json'),
      );
    },

    'GET /api/open311/v2/services/{service_code}': async ({ path, query }) => {
      if (!servesJurisdiction(query.jurisdiction_id)) return unknownJurisdiction();
      const service = serviceByCode(path.service_code);
      if (!service) return notFound(`There is no service with the code "${path.service_code}".`);
      return json(
        200,
        open311ServiceDefinition(service, query.locale ?? 'en'),
        cacheControl('GET /api/open311/v2/services/{service_code}'),
      );
    },

    'POST /api/open311/v2/requests.json': async ({ headers, body }, event) => {
      const { altcha, website: _empty, media_ids: mediaIds = [], ...input } = body;
      // What can be told without the solution is told before it is spent.
      const landmark = input.address_id === undefined ? undefined : await deps.findLandmark(input.address_id);
      const validated = validateNewRequest(input, () => landmark !== undefined);
      if (validated.kind === 'unknown-jurisdiction') return unknownJurisdiction();
      if (validated.kind === 'unknown-service') {
        return notFound('There is no such service; GET services.json lists them.');
      }
      const duplicate = new Set(mediaIds).size !== mediaIds.length;
      const errors = [
        ...(validated.kind === 'invalid' ? validated.errors : []),
        ...(duplicate ? [{ path: 'media_ids', message: 'each upload_id may be attached once' }] : []),
      ];
      if (validated.kind !== 'valid' || errors.length) return invalid('Some fields are not valid.', errors);

      const key = headers['idempotency-key'];
      const client = clientAddress(event);
      // A retry must repeat the request, not the solution (as registrations do).
      const sent = JSON.stringify({ ...input, media_ids: mediaIds });
      const retryKey =
        key === undefined ? undefined : `${idempotencyRecordId(key, client)}:${requestHash(sent)}`;
      const proofOfWork = await deps.proofOfWork();
      const proof = await redeemSolution(
        proofOfWork,
        altcha,
        { purpose: 'resident-request' },
        client,
        retryKey,
      );
      if (!proof.ok) return refusedSolution(proof.reason);
      const outcome = await submitRequest(
        deps,
        validated.draft,
        mediaIds,
        key === undefined ? undefined : { key, client, body: sent },
      );
      await settleSolution(proofOfWork, proof.accepted, outcome.kind === 'created' ? 'spent' : 'refused');
      switch (outcome.kind) {
        case 'created':
        case 'replayed':
          return json(201, outcome.response, { 'cache-control': 'no-store' });
        case 'invalid':
          return invalid('Some fields are not valid.', outcome.errors);
        case 'key_reused':
        case 'in_flight':
          return earlierRequestProblem(outcome.kind);
      }
    },

    'GET /api/open311/v2/requests.json': async ({ query }) => {
      if (!servesJurisdiction(query.jurisdiction_id)) return unknownJurisdiction();
      const locale = query.locale ?? 'en';
      let ids = query.service_request_id;
      if (!ids) {
        const window = requestsWindow(query, deps.now());
        const listed = await windowRequests(
          deps.store,
          { from: window.from.toISOString(), to: window.to.toISOString() },
          query.service_code,
          query.status as ('open' | 'closed')[] | undefined,
        );
        ids = listed.map(({ id }) => id);
      }
      return json(
        200,
        await publicRequests(deps, ids, locale),
        cacheControl('GET /api/open311/v2/requests.json'),
      );
    },

    'GET /api/open311/v2/requests/{service_request_id}': async ({ path, query }) => {
      if (!servesJurisdiction(query.jurisdiction_id)) return unknownJurisdiction();
      const found = await publicRequests(deps, [path.service_request_id], query.locale ?? 'en');
      if (!found.length) return notFound('There is no request with this id.');
      return json(200, found, cacheControl('GET /api/open311/v2/requests/{service_request_id}'));
    },

    'GET /api/open311/v2/tokens/{token}': async ({ query }) => {
      if (!servesJurisdiction(query.jurisdiction_id)) return unknownJurisdiction();
      // Every service is realtime: POST answers the id at once, so no token is ever outstanding.
      return notFound('There is no such token: every request gets its service_request_id at once.');
    },

    'GET /api/resident-affairs/figures': async ({ query }) => {
      const now = deps.now();
      const week = wuzhenWeek(now);
      const locale = query.locale ?? 'en';
      const requests = await windowRequests(
        deps.store,
        { from: week.start.toISOString(), to: new Date(week.end.getTime() - 1).toISOString() },
        undefined,
        undefined,
      );
      const figures = weeklyFigures(requests, now);
      return json(
        200,
        {
          ...figures,
          byService: figures.byService.map((row) => ({
            ...row,
            serviceName: serviceByCode(row.serviceCode)?.name[locale] ?? row.serviceCode,
          })),
        },
        { 'cache-control': 'public, max-age=60' },
      );
    },

    ...residentPhotoRoutes(deps),
    ...residentFollowRoutes(deps),
  };
}
