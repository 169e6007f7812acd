import * as z from 'zod/mini';
import { localizedText } from '../../content/schemas/localized.ts';
import { photoLimits, photoRejectionReasons, photoTypes } from '../domain/photos/photo.ts';
import {
  departments,
  publicTimelineKinds,
  requestLocales,
  requestStates,
} from '../domain/resident-affairs/model.ts';
import { stagedUploadMs } from '../domain/resident-affairs/submit-request.ts';
import { ulid } from './identifiers.ts';
import { withMeta } from './meta.ts';
import { uploadId } from './open311.ts';
import { route } from './route.ts';

/**
 * The resident-affairs routes that are not Open311: photo uploads and the signed photo view, the
 * requester's follow link (view, download, erasure) and the public weekly figures
 * (docs/resident-affairs.md).
 */

const instant = z.iso.datetime({ offset: true });

/** The follow token, as `Authorization: Bearer <token>`; absent or wrong, the request is "not found". */
const followTokenHeader = z.object({
  authorization: withMeta(z.optional(z.string().check(z.maxLength(4096))), {
    description: 'Bearer <follow token>, the token POST requests.json answered.',
  }),
});

const ownRequest = { security: 'followToken', headers: followTokenHeader } as const;

const noSuchRequest = {
  description: 'No request has this follow token (a wrong token looks the same as none).',
  problems: ['not-found'],
} as const;

const erasedRequest = {
  description: 'The requester erased the request’s personal data; nothing of it is kept.',
  problems: ['erased'],
} as const;

/** A photo shown through a short-lived signed URL: to the holder of the follow link, or to staff. */
export const photoView = withMeta(
  z.strictObject({
    url: withMeta(z.string(), {
      description: 'GET /api/resident-affairs/photo?key=…&expires=…&signature=…, good for 5 minutes.',
    }),
    expiresAt: instant,
  }),
  { id: 'ResidentPhotoView' },
);

/** Where the problem is: a point (exact as given, or a street staff confirmed) or a guide landmark. */
export const location = z.union([
  z.strictObject({ lat: z.number(), lon: z.number(), precision: z.enum(['exact', 'street']) }),
  z.strictObject({ landmarkVenueId: z.string() }),
]);

const followEntry = z.strictObject({
  at: instant,
  kind: z.enum(publicTimelineKinds),
  state: z.optional(z.enum(requestStates)),
  text: z.optional(z.string()),
  department: z.optional(z.enum(departments)),
});

const attributes = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** The requester's view of their request (functions/domain/resident-affairs/follow-view.ts). */
export const followViewAnswer = withMeta(
  z.strictObject({
    id: ulid,
    serviceCode: z.string(),
    serviceName: localizedText,
    description: z.string(),
    location,
    addressString: z.optional(z.string()),
    attributes,
    state: z.enum(requestStates),
    status: z.enum(['open', 'closed']),
    department: z.strictObject({ id: z.enum(departments), name: localizedText }),
    submittedAt: instant,
    firstResponseAt: z.optional(instant),
    resolvedAt: z.optional(instant),
    mergedInto: z.optional(ulid),
    hasContact: withMeta(z.boolean(), { description: 'Whether staff replies are sent to a contact.' }),
    locale: z.enum(requestLocales),
    photos: z.array(photoView),
    timeline: withMeta(z.array(followEntry), { description: 'Public steps, oldest first.' }),
  }),
  { id: 'ResidentFollowView' },
);

/** Everything kept about one request, as its requester downloads it. */
const followExport = withMeta(
  z.strictObject({
    exportedAt: instant,
    request: z.strictObject({
      id: ulid,
      serviceCode: z.string(),
      description: z.string(),
      location,
      addressString: z.optional(z.string()),
      contact: z.optional(
        z.strictObject({
          email: z.optional(z.string()),
          phone: z.optional(z.string()),
          name: z.optional(z.string()),
        }),
      ),
      attributes,
      state: z.enum(requestStates),
      department: z.optional(z.enum(departments)),
      submittedAt: instant,
      firstResponseAt: z.optional(instant),
      resolvedAt: z.optional(instant),
      mergedInto: z.optional(ulid),
      locale: z.enum(requestLocales),
    }),
    photos: z.array(photoView),
    timeline: z.array(followEntry),
  }),
  { id: 'ResidentFollowExport' },
);

const stateCounts = z.strictObject(
  Object.fromEntries(requestStates.map((state) => [state, z.number().check(z.int(), z.gte(0))])) as Record<
    (typeof requestStates)[number],
    z.ZodMiniNumber<number>
  >,
);

const minutes = z.nullable(z.number().check(z.gte(0)));

export const weeklyFiguresAnswer = withMeta(
  z.strictObject({
    weekStart: instant,
    weekEnd: instant,
    byService: z.array(
      z.strictObject({
        serviceCode: z.string(),
        serviceName: z.string(),
        byState: stateCounts,
        total: z.number().check(z.int(), z.gte(0)),
      }),
    ),
    total: z.number().check(z.int(), z.gte(0)),
    medianFirstResponseMinutes: minutes,
    firstResponses: z.number().check(z.int(), z.gte(0)),
    medianResolutionMinutes: minutes,
    resolutions: z.number().check(z.int(), z.gte(0)),
  }),
  { id: 'ResidentAffairsFigures' },
);

export const photoViewQuery = z.strictObject({
  key: withMeta(z.string().check(z.maxLength(200)), {
    description: 'The photo, as the signed URL names it.',
  }),
  expires: withMeta(z.string().check(z.maxLength(20)), { description: 'Unix seconds.' }),
  signature: withMeta(z.string().check(z.maxLength(100)), { description: 'The URL’s HMAC.' }),
});

export const residentAffairsContract = {
  'POST /api/resident-affairs/photos': route({
    function: 'residentAffairs',
    summary: 'Upload a photo for a request',
    description: `One photo's bytes (JPEG, PNG or WebP, at most ${photoLimits.maxBytes} bytes, at most ${photoLimits.maxAcceptedEdge} px a side), before POST /api/open311/v2/requests.json attaches it by its upload_id. The server checks the bytes and removes every EXIF, GPS or other metadata block before keeping it; an upload not attached within ${stagedUploadMs / 3_600_000} hours is deleted. Rate-limited per client address.`,
    tags: ['resident-affairs'],
    body: {
      types: photoTypes,
      maxBytes: photoLimits.maxBytes,
      description: 'the photo’s bytes, its type in Content-Type.',
    },
    answers: {
      201: {
        description: `Kept until attached, or ${stagedUploadMs / 3_600_000} hours.`,
        json: withMeta(
          z.strictObject({
            upload_id: uploadId,
            type: z.enum(photoTypes),
            width: z.number().check(z.int(), z.gte(1)),
            height: z.number().check(z.int(), z.gte(1)),
            bytes: withMeta(z.number().check(z.int(), z.gte(1)), {
              description: 'The size kept, metadata removed.',
            }),
            expires_at: instant,
          }),
          { id: 'ResidentPhotoUpload' },
        ),
        example: {
          upload_id: '3f9c2a7e5b1d4e8fa06c7b2d9e1f4a5c',
          type: 'image/jpeg',
          width: 2048,
          height: 1536,
          bytes: 612_345,
          expires_at: '2027-03-02T10:00:00.000Z',
        },
      },
      400: {
        description: `The bytes are no photo it takes; \`errors\` names the reason: ${photoRejectionReasons.join(', ')}.`,
        problems: ['photo-rejected'],
      },
      429: {
        description: 'Too many uploads from this address for now.',
        problems: ['rate-limited'],
        headers: {
          'retry-after': {
            description: 'Seconds to wait before uploading again.',
            schema: z.string().check(z.regex(/^\d+$/)),
          },
        },
      },
    },
  }),
  'GET /api/resident-affairs/photo': route({
    function: 'residentAffairs',
    summary: 'A photo, through its signed URL',
    description:
      'The photo a signed view URL names (given by the follow view and to staff), while the URL lasts (5 minutes). A wrong, altered or expired URL is not found, as a photo that is gone.',
    tags: ['resident-affairs'],
    query: photoViewQuery,
    answers: {
      200: {
        description: 'The photo, cache-control private for the seconds the URL has left.',
        media: { type: photoTypes, description: 'The photo’s bytes, with no metadata.' },
      },
      404: { description: 'No such photo, or the URL is not valid (any longer).', problems: ['not-found'] },
    },
  }),
  'GET /api/resident-affairs/follow': route({
    function: 'residentAffairs',
    summary: 'Follow your request',
    description:
      'The request, for the holder of its follow token: what they sent (description, place, answers, photos as short-lived URLs) and every public step, with staff’s public notes. Never cached.',
    tags: ['resident-affairs'],
    ...ownRequest,
    answers: {
      200: { description: 'The request as its requester sees it.', json: followViewAnswer },
      404: noSuchRequest,
      410: erasedRequest,
    },
  }),
  'GET /api/resident-affairs/follow/export': route({
    function: 'residentAffairs',
    summary: 'Download your request',
    description:
      'Everything kept about the request of this follow token, as a JSON download: what was sent (the contact too), its public timeline and its photos as short-lived URLs. Staff’s internal notes and names are not the requester’s data and are left out.',
    tags: ['resident-affairs'],
    ...ownRequest,
    answers: {
      200: {
        description: 'The download.',
        json: followExport,
        headers: {
          'content-disposition': {
            description: 'attachment, with a file name.',
            schema: z.string().check(z.startsWith('attachment')),
          },
        },
      },
      404: noSuchRequest,
      410: erasedRequest,
    },
  }),
  'DELETE /api/resident-affairs/follow': route({
    function: 'residentAffairs',
    summary: 'Erase your request',
    description:
      'Removes at once the request’s contact, description, address in your words, answers, note texts and photos, and coarsens its point; the anonymous rest stays so the town’s figures hold. Afterwards the follow token answers 410.',
    tags: ['resident-affairs'],
    ...ownRequest,
    answers: {
      200: { description: 'Erased.', json: z.strictObject({ erased: z.literal(true) }) },
      404: noSuchRequest,
      410: erasedRequest,
    },
  }),
  'GET /api/resident-affairs/figures': route({
    function: 'residentAffairs',
    summary: 'This week’s figures',
    description:
      'Requests submitted this week (Monday to Monday, Wuzhen time) by service and state, and the median minutes to a first response and to resolution. Counts only, never a request.',
    tags: ['resident-affairs'],
    query: z.strictObject({
      locale: withMeta(z.optional(z.enum(requestLocales)), {
        description: 'Service names’ language (en by default).',
      }),
    }),
    cacheControl: 'public, max-age=60',
    answers: { 200: { description: 'The week’s figures.', json: weeklyFiguresAnswer } },
  }),
};
