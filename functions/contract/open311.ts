import * as z from 'zod/mini';
import { requestLocales } from '../domain/resident-affairs/model.ts';
import { jurisdictionId, newRequestInput } from '../domain/resident-affairs/new-request.ts';
import {
  open311ServiceDefinition as serviceDefinition,
  open311Service as serviceEntry,
} from '../domain/resident-affairs/open311-services.ts';
import { maxListedRequests } from '../domain/resident-affairs/request-filters.ts';
import { attributeDatatypes, services } from '../domain/resident-affairs/services.ts';
import { ulid } from './identifiers.ts';
import { withMeta } from './meta.ts';
import { route } from './route.ts';

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), JSON format, under
 * /api/open311/v2/: the schemas of its requests and answers, field names and types as the spec
 * writes them, so any Open311 client can read them. `open311Contract` at the end declares the routes
 * wired so far (the services); the others follow with the resident-affairs function's next parts.
 *
 * Path parameters: API Gateway matches whole path segments only, so `services/{service_code}.json`
 * is declared as `services/{service_code}` whose value ends in `.json`; the schemas below check the
 * suffix and hand the route the bare value.
 */

/** w3 date-time with its zone, as the spec requires ("Z" or an offset). */
const w3Instant = withMeta(z.iso.datetime({ offset: true }), { example: '2027-03-01T10:00:00+08:00' });

const serviceCodePattern = '[a-z0-9]+(?:-[a-z0-9]+)*';
const ulidPattern = '[0-9A-HJKMNP-TV-Z]{26}';

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

/** A comma separated list (the spec's "can be declared multiple times, comma delimited"), as an array. */
const commaList = (pattern: string, maxItems: number, description: string, example: string) =>
  z.pipe(
    withMeta(
      z
        .string()
        .check(
          z.regex(
            new RegExp(`^${pattern}(?:,${pattern}){0,${maxItems - 1}}$`),
            `a comma separated list of at most ${maxItems}`,
          ),
        ),
      { description, example },
    ),
    z.transform((list: string) => [...new Set(list.split(','))]),
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
    description: 'Earliest requested_datetime; the range spans at most 90 days (the last 90 by default).',
  }),
  end_date: withMeta(z.optional(w3Instant), { description: 'Latest requested_datetime.' }),
  status: z.optional(commaList('(?:open|closed)', 2, 'open, closed, or both comma delimited.', 'open')),
});

/** POST requests.json: form-encoded (the spec's format) or JSON, the same fields. */
export const newRequestBody = newRequestInput;

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
};
