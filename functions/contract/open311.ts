import * as z from 'zod/mini';
import { photoLimits } from '../domain/photos/photo.ts';
import { requestLocales } from '../domain/resident-affairs/model.ts';
import { formFields, jurisdictionId, newRequestInput } from '../domain/resident-affairs/new-request.ts';
import {
  open311ServiceDefinition as serviceDefinition,
  open311Service as serviceEntry,
} from '../domain/resident-affairs/open311-services.ts';
import { maxListedRequests } from '../domain/resident-affairs/request-filters.ts';
import { attributeDatatypes, services } from '../domain/resident-affairs/services.ts';
import { commaList, ulidPattern } from './comma-list.ts';
import { ulid } from './identifiers.ts';
import { withMeta } from './meta.ts';
import { altchaExample, altchaSolution, honeypot } from './proof-of-work.ts';
import { idempotencyKeyHeader } from './registrations.ts';
import { route } from './route.ts';

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), JSON format, under
 * /api/open311/v2/: the schemas of its requests and answers, field names and types as the spec
 * writes them, so any Open311 client can read them. `open311Contract` at the end declares the routes.
 *
 * Path parameters: API Gateway matches whole path segments only, so `services/{service_code}.json`
 * is declared as `services/{service_code}` whose value ends in `.json`; the schemas below check the
 * suffix and hand the route the bare value.
 */

/** w3 date-time with its zone, as the spec requires ("Z" or an offset). */
const w3Instant = withMeta(z.iso.datetime({ offset: true }), { example: '2027-03-01T10:00:00+08:00' });

const serviceCodePattern = '[a-z0-9]+(?:-[a-z0-9]+)*';

/** `<value>.json` as one path segment, handed on without the suffix. */
const jsonFile = (pattern: string, description: string, example: string) =>
  z.pipe(
    withMeta(
      z.string().check(z.maxLength(80), z.regex(new RegExp(`^${pattern}\\.json$`), 'must end in .json')),
      {
        description,
        example,
      },
    ),
    z.transform((file: string) => file.slice(0, -'.json'.length)),
  );

/** Every GeoReport read takes these two; unknown parameters are refused, as everywhere in the API. */
const commonQuery = {
  jurisdiction_id: withMeta(z.optional(z.string().check(z.maxLength(64))), {
    description: `Optional: the one jurisdiction served is "${jurisdictionId}"; any other is not found (404).`,
  }),
  locale: withMeta(z.optional(z.enum(requestLocales)), {
    description: 'Extension: names and descriptions in English (default) or Chinese.',
  }),
};

export const open311Query = z.strictObject(commonQuery);

export const serviceDefinitionPath = z.strictObject({
  service_code: jsonFile(
    serviceCodePattern,
    'A service_code from services.json, then .json.',
    'blocked-vehicle.json',
  ),
});

export const serviceRequestPath = z.strictObject({
  service_request_id: jsonFile(
    ulidPattern,
    'A service_request_id, then .json.',
    '01JD3Z6Q8N4X2V7B5C9K1M0PRS.json',
  ),
});

export const tokenPath = z.strictObject({
  token: jsonFile(
    '[A-Za-z0-9_-]{1,64}',
    'A token from POST requests.json, then .json.',
    '01JD3Z6Q8N4X2V7B5C9K1M0PRS.json',
  ),
});

/** GET requests.json: the spec's filters; 90 days by default and at most, at most 1,000 requests. */
export const requestsQuery = z.strictObject({
  ...commonQuery,
  service_request_id: withMeta(
    z.optional(
      commaList(
        ulidPattern,
        100,
        'Request ids; when given, the other filters are ignored.',
        '01JD3Z6Q8N4X2V7B5C9K1M0PRS',
      ),
    ),
    {
      description:
        'Up to 100 service_request_id, comma delimited. Overrides every other filter, as the spec says.',
    },
  ),
  service_code: z.optional(
    commaList(serviceCodePattern, 20, 'Service codes, comma delimited.', 'blocked-vehicle,rubbish'),
  ),
  start_date: withMeta(z.optional(w3Instant), {
    description:
      'Earliest requested_datetime. The range spans at most 90 days (the last 90 by default); a wider one is cut to its newest 90 days.',
  }),
  end_date: withMeta(z.optional(w3Instant), { description: 'Latest requested_datetime.' }),
  status: z.optional(commaList('(?:open|closed)', 2, 'open, closed, or both comma delimited.', 'open')),
});

/** An upload id from POST /api/resident-affairs/photos: 32 hex digits (128 random bits). */
export const uploadId = withMeta(
  z.string().check(z.regex(/^[0-9a-f]{32}$/, 'must be an upload_id from POST /api/resident-affairs/photos')),
  { example: '3f9c2a7e5b1d4e8fa06c7b2d9e1f4a5c' },
);

/** A list (in a form: `media_ids[]` repeated, `media_ids` repeated, or one comma separated `media_ids`). */
const mediaIds = withMeta(
  z.optional(
    z
      .array(uploadId)
      .check(
        z.maxLength(
          photoLimits.maxPhotos,
          `too-many-photos: a request takes at most ${photoLimits.maxPhotos} photos`,
        ),
      ),
  ),
  {
    description: `Extension: up to ${photoLimits.maxPhotos} upload_id from POST /api/resident-affairs/photos, attached to the request (each once; an unknown one refuses the whole request).`,
  },
);

/** POST requests.json: form-encoded (the spec's format) or JSON, the same fields. */
export const newRequestBody = z.extend(newRequestInput, {
  media_ids: mediaIds,
  altcha: altchaSolution('resident-request'),
  website: honeypot,
});

/**
 * A form body in the JSON shape: `formFields`, with the upload ids as the list they are, however
 * the form wrote them (`media_ids[]=a&media_ids[]=b`, `media_ids=a&media_ids=b`, `media_ids=a,b`).
 */
export function newRequestForm(text: string): Record<string, unknown> {
  const { 'media_ids[]': bracketed, media_ids: plain, ...fields } = formFields(text);
  const written = [bracketed, plain].flat().filter((value) => value !== undefined);
  if (!written.length) return fields;
  return {
    ...fields,
    media_ids: written.flatMap((value) => (typeof value === 'string' ? value.split(',') : [value])),
  };
}

const nullableText = (description: string) => withMeta(z.nullable(z.string()), { description });

export const open311Service = withMeta(
  z.strictObject({
    service_code: z.string(),
    service_name: z.string(),
    description: z.string(),
    metadata: withMeta(z.boolean(), {
      description: 'True when services/{service_code}.json has questions to ask.',
    }),
    type: withMeta(z.literal('realtime'), {
      description: 'Every request gets its service_request_id at once.',
    }),
    keywords: withMeta(z.string(), { description: 'Comma separated.' }),
    group: withMeta(z.string(), { description: 'The department that deals with it.' }),
  }),
  { id: 'Open311Service' },
);

export const open311ServiceList = z.array(open311Service);

export const open311ServiceDefinition = withMeta(
  z.strictObject({
    service_code: z.string(),
    attributes: z.array(
      z.strictObject({
        variable: z.boolean(),
        code: z.string(),
        datatype: z.enum(attributeDatatypes),
        required: z.boolean(),
        datatype_description: z.nullable(z.string()),
        order: z.number().check(z.int(), z.gte(1)),
        description: z.string(),
        values: z.optional(z.array(z.strictObject({ key: z.string(), name: z.string() }))),
      }),
    ),
  }),
  { id: 'Open311ServiceDefinition' },
);

export const open311Created = withMeta(
  z.array(
    z.strictObject({
      service_request_id: ulid,
      service_notice: z.string(),
      account_id: z.null(),
      follow_token: withMeta(z.string(), {
        description:
          'Extension: the requester’s secret key to the request (GET /api/resident-affairs/follow with Authorization: Bearer <token>). Shown once; only its hash is kept.',
      }),
      follow_url: withMeta(z.url(), {
        description:
          'Extension: the requester’s follow link, the secret token in its fragment. Give it to the requester only.',
      }),
    }),
  ),
  { id: 'Open311Created' },
);

export const open311TokenAnswer = withMeta(
  z.array(z.strictObject({ service_request_id: ulid, token: z.string() })),
  { id: 'Open311Token' },
);

/** A request as anyone reads it (functions/domain/resident-affairs/public-view.ts says what is left out and why). */
export const open311Request = withMeta(
  z.strictObject({
    service_request_id: ulid,
    status: z.enum(['open', 'closed']),
    status_notes: nullableText('The latest public note from staff.'),
    service_name: z.string(),
    service_code: z.string(),
    description: withMeta(z.null(), {
      description: 'Always null: the requester’s words may name people, homes or number plates.',
    }),
    agency_responsible: z.string(),
    service_notice: z.string(),
    requested_datetime: w3Instant,
    updated_datetime: w3Instant,
    address: nullableText('A guide venue’s name, for requests at a landmark.'),
    address_id: nullableText('A guide venue’s id, for requests at a landmark.'),
    zipcode: z.null(),
    lat: withMeta(z.nullable(z.number()), {
      description: 'WGS-84; the centre of a ~100 m cell unless the spot is a public street or a landmark.',
    }),
    long: withMeta(z.nullable(z.number()), { description: 'WGS-84, as lat.' }),
    media_url: withMeta(z.null(), {
      description: 'Always null: photos are shown to staff and the requester only.',
    }),
  }),
  { id: 'Open311ServiceRequest' },
);

export const open311Requests = withMeta(z.array(open311Request).check(z.maxLength(maxListedRequests)), {
  description: `At most ${maxListedRequests} requests, newest first.`,
});

/** Requests change as staff work: a listing may be a minute old. */
const listCacheControl = 'public, max-age=60';

/** The catalogue changes only with a deployment: clients and CloudFront may keep it a few minutes. */
const catalogueCacheControl = 'public, max-age=300';

/** The examples are the catalogue's first service as English clients read it. */
const [exampleService] = services.slice(0, 1);
const examples = exampleService && {
  list: [serviceEntry(exampleService, 'en')],
  definition: serviceDefinition(exampleService, 'en'),
};

export const open311Contract = {
  'GET /api/open311/v2/services.json': route({
    function: 'residentAffairs',
    summary: 'Open311: the services residents can ask for',
    description: `GeoReport v2 service list: every kind of problem a resident can report, with the department that deals with it. jurisdiction_id is optional; any but "${jurisdictionId}" is not found.`,
    tags: ['resident-affairs'],
    query: open311Query,
    cacheControl: catalogueCacheControl,
    answers: {
      200: { description: 'Every service.', json: open311ServiceList, example: examples?.list },
      404: { description: 'No such jurisdiction.', problems: ['not-found'] },
    },
  }),
  'GET /api/open311/v2/services/{service_code}': route({
    function: 'residentAffairs',
    summary: 'Open311: one service’s questions',
    description:
      'GeoReport v2 service definition: the attributes (extra questions) a request for this service answers, in order. The path ends in .json, as the spec writes it: services/blocked-vehicle.json.',
    tags: ['resident-affairs'],
    pathParameters: serviceDefinitionPath,
    query: open311Query,
    cacheControl: catalogueCacheControl,
    answers: {
      200: {
        description: 'The service’s attributes.',
        json: open311ServiceDefinition,
        example: examples?.definition,
      },
      404: { description: 'No such jurisdiction, or no such service.', problems: ['not-found'] },
    },
  }),
  'POST /api/open311/v2/requests.json': route({
    function: 'residentAffairs',
    summary: 'Open311: report a problem',
    description:
      'GeoReport v2 POST Service Request, form-encoded as the spec sends it or JSON with the same fields. The place is lat/long inside Wuzhen or a town guide venue (address_id); photos are uploaded first (POST /api/resident-affairs/photos) and attached by media_ids. Requires a solved proof-of-work challenge (altcha, GET /api/challenge?purpose=resident-request) and an empty website field. Send an Idempotency-Key to retry safely. The answer carries the requester’s follow token and link: give them to the requester only.',
    tags: ['resident-affairs'],
    headers: idempotencyKeyHeader,
    body: {
      schema: newRequestBody,
      form: newRequestForm,
      maxBytes: 16 * 1024,
      example: {
        service_code: 'blocked-vehicle',
        lat: 30.7452,
        long: 120.4871,
        description: 'A car has blocked the lane to our house since this morning.',
        media_ids: ['3f9c2a7e5b1d4e8fa06c7b2d9e1f4a5c'],
        locale: 'en',
        altcha: altchaExample,
      },
    },
    answers: {
      201: {
        description: 'Received (or the answer to the first request with this Idempotency-Key).',
        json: open311Created,
        example: [
          {
            service_request_id: '01JD3Z6Q8N4X2V7B5C9K1M0PRS',
            service_notice: 'Staff aim to respond within 30 minutes.',
            account_id: null,
            follow_token: 'kq3Vx2YtG8hJ0mN5pR7sT9uW1yZ4aB6cD8eF0gH2iJ4',
            follow_url:
              'https://portal.example.org/help/request/#token=kq3Vx2YtG8hJ0mN5pR7sT9uW1yZ4aB6cD8eF0gH2iJ4',
          },
        ],
      },
      404: { description: 'No such jurisdiction, or no such service.', problems: ['not-found'] },
      409: {
        description: 'A request with this Idempotency-Key is still being processed (with retry-after).',
        problems: ['request-in-progress'],
        headers: {
          'retry-after': {
            description: 'Seconds to wait before retrying.',
            schema: z.optional(z.string().check(z.regex(/^\d+$/))),
          },
        },
      },
      422: {
        description: 'The Idempotency-Key was used with a different body.',
        problems: ['idempotency-key-reused'],
      },
    },
  }),
  'GET /api/open311/v2/requests.json': route({
    function: 'residentAffairs',
    summary: 'Open311: requests',
    description: `GeoReport v2 GET Service Requests, newest first: by id list, or by service, status and dates (the last 90 days by default, at most 90 days, at most ${maxListedRequests}). No personal data: no description, contact, address in the requester’s words or photos, and a point coarsened to a ~100 m cell unless staff confirmed a public street.`,
    tags: ['resident-affairs'],
    query: requestsQuery,
    cacheControl: listCacheControl,
    answers: {
      200: { description: 'The requests.', json: open311Requests },
      404: { description: 'No such jurisdiction.', problems: ['not-found'] },
    },
  }),
  'GET /api/open311/v2/requests/{service_request_id}': route({
    function: 'residentAffairs',
    summary: 'Open311: one request',
    description:
      'GeoReport v2 GET Service Request: a list of one, with the fields requests.json gives. The path ends in .json: requests/<id>.json.',
    tags: ['resident-affairs'],
    pathParameters: serviceRequestPath,
    query: open311Query,
    cacheControl: listCacheControl,
    answers: {
      200: { description: 'The request, in a list of one.', json: open311Requests },
      404: { description: 'No such jurisdiction, or no such request.', problems: ['not-found'] },
    },
  }),
  'GET /api/open311/v2/tokens/{token}': route({
    function: 'residentAffairs',
    summary: 'Open311: request id from a token',
    description:
      'GeoReport v2 GET request_id from a token. Every service here is realtime (POST answers the service_request_id at once), so no token is ever given out and this answers 404 for any. Never send the follow token here: it goes only in the Authorization header.',
    tags: ['resident-affairs'],
    pathParameters: tokenPath,
    query: open311Query,
    answers: {
      200: { description: 'Never given: no token is outstanding.', json: open311TokenAnswer },
      404: { description: 'No such token (always).', problems: ['not-found'] },
    },
  }),
};
