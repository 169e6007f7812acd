import { open311Contract } from '../contract/open311.ts';
import { jurisdictionId, servesJurisdiction } from '../domain/resident-affairs/new-request.ts';
import { open311Service, open311ServiceDefinition } from '../domain/resident-affairs/open311-services.ts';
import { serviceByCode, services } from '../domain/resident-affairs/services.ts';
import { json, notFound } from '../http/response.ts';
import type { Routes } from '../http/route-handler.ts';

// The caller's value is not echoed: it is free text.
const unknownJurisdiction = () =>
  notFound(`This endpoint serves one jurisdiction, "${jurisdictionId}", and no other.`);

const catalogueHeaders = (key: keyof typeof open311Contract) => ({
  'cache-control': open311Contract[key].cacheControl,
});

/**
 * Residents' requests to the township, as Open311 GeoReport v2 (docs/api.md). So far the catalogue:
 * what a resident can report and what each kind asks, read from the code, no table.
 */
export function residentAffairsRoutes(): Routes<'residentAffairs'> {
  return {
    'GET /api/open311/v2/services.json': async ({ query }) => {
      if (!servesJurisdiction(query.jurisdiction_id)) return unknownJurisdiction();
      const locale = query.locale ?? 'en';
      return json(
        200,
        services.map((service) => open311Service(service, locale)),
        catalogueHeaders('GET /api/open311/v2/services.json'),
      );
    },

    'GET /api/open311/v2/services/{service_code}': async ({ path, query }) => {
      if (!servesJurisdiction(query.jurisdiction_id)) return unknownJurisdiction();
      const service = serviceByCode(path.service_code);
      if (!service) return notFound(`There is no service with the code "${path.service_code}".`);
      return json(
        200,
        open311ServiceDefinition(service, query.locale ?? 'en'),
        catalogueHeaders('GET /api/open311/v2/services/{service_code}'),
      );
    },
  };
}
