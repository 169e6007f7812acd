import * as z from 'zod/mini';
import { localizedText } from '../../content/schemas/localized.ts';
import {
  departments,
  requestLocales,
  requestStates,
  timelineKinds,
} from '../domain/resident-affairs/model.ts';
import { pageCursor, ulid } from './identifiers.ts';
import { residentRequestLimits } from './limits.ts';
import { withMeta } from './meta.ts';
import { location, photoView } from './resident-affairs.ts';
import { type RouteDeclaration, route } from './route.ts';
import { freeText } from './text.ts';

const staffOnly = { roles: ['resident-affairs'], security: 'organizerToken' } as const;

const isoTime = z.iso.datetime();
const requestState = z.enum(requestStates);
const department = z.enum(departments);

/** The state the staff member saw: a change is made only while the request is still in it. */
const expectedState = withMeta(requestState, {
  description: 'The state the request was in when the staff member read it; another state answers 409.',
});

const queueItem = withMeta(
  z.object({
    id: ulid,
    serviceCode: z.string(),
    serviceName: localizedText,
    state: requestState,
    department,
    submittedAt: isoTime,
    waitingMinutes: withMeta(z.number().check(z.int(), z.gte(0)), {
      description: 'Whole minutes since it was submitted.',
    }),
    overdue: withMeta(z.boolean(), {
      description: 'No first response yet, and waiting longer than the first-response target.',
    }),
    firstResponseAt: z.optional(isoTime),
    placeLabel: withMeta(z.string(), {
      description: "The requester's words for the place, else the landmark's id, else the point.",
    }),
    photoCount: z.number().check(z.int(), z.gte(0), z.lte(3)),
  }),
  { id: 'AffairsQueueItem' },
);

const timelineEntry = z.object({
  at: isoTime,
  kind: z.enum(timelineKinds),
  state: z.optional(requestState),
  text: z.optional(z.string()),
  department: z.optional(department),
  precision: z.optional(z.enum(['exact', 'street'])),
  staff: withMeta(z.optional(z.string()), { description: "The staff token's subject who made the entry." }),
});

/** A request as staff see it: everything, the requester's contact and the internal notes included. */
export const affairsRequest = withMeta(
  z.object({
    id: ulid,
    serviceCode: z.string(),
    serviceName: localizedText,
    description: withMeta(z.string(), { description: 'Empty once the request was anonymised.' }),
    location,
    addressString: z.optional(z.string()),
    contact: z.optional(
      z.object({
        email: z.optional(z.string()),
        phone: z.optional(z.string()),
        name: z.optional(z.string()),
      }),
    ),
    attributes: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    photos: withMeta(z.array(photoView), {
      description: 'Short-lived URLs of its photos (GET /api/resident-affairs/photo), five minutes each.',
    }),
    state: requestState,
    status: withMeta(z.enum(['open', 'closed']), { description: 'Its Open311 status.' }),
    allowedStates: withMeta(z.array(requestState), { description: 'The states it may move to now.' }),
    department: z.object({ id: department, name: localizedText }),
    locale: z.enum(requestLocales),
    submittedAt: isoTime,
    waitingMinutes: z.number().check(z.int(), z.gte(0)),
    overdue: z.boolean(),
    firstResponseAt: z.optional(isoTime),
    resolvedAt: z.optional(isoTime),
    mergedInto: z.optional(ulid),
    anonymisedAt: z.optional(isoTime),
    timeline: withMeta(z.array(timelineEntry), { description: 'Oldest first, internal notes included.' }),
  }),
  { id: 'AffairsRequest' },
);

const requestPath = z.strictObject({ id: ulid });
const noteText = freeText({ max: residentRequestLimits.staffNote, multiline: true });

/** A change to one request: its answer, and why it may be refused. */
function change<const B extends z.ZodMiniType>(details: {
  summary: string;
  description: string;
  audit: NonNullable<RouteDeclaration['audit']>;
  schema: B;
  example: unknown;
  conflicts: string;
}) {
  return route({
    function: 'residentAffairsStaff',
    summary: details.summary,
    description: details.description,
    tags: ['resident-affairs-staff'],
    ...staffOnly,
    audit: details.audit,
    pathParameters: requestPath,
    body: { schema: details.schema, maxBytes: 8 * 1024, example: details.example },
    answers: {
      200: { description: 'The request after the change, as the GET answers it.', json: affairsRequest },
      404: { description: 'No request has this id.', problems: ['not-found'] },
      409: { description: details.conflicts, problems: ['conflict'] },
    },
  });
}

export const residentAffairsStaffContract = {
  'GET /api/admin/affairs/queue': route({
    function: 'residentAffairsStaff',
    summary: "The residents' open requests",
    description:
      'Open requests, longest-waiting first, a page at a time, with the first-response target and which are overdue.',
    tags: ['resident-affairs-staff'],
    ...staffOnly,
    audit: 'affairs.queue',
    query: z.strictObject({
      limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
      cursor: z.optional(pageCursor(2048)),
    }),
    answers: {
      200: {
        description: 'One page of the queue.',
        json: z.object({
          targetMinutes: withMeta(z.number().check(z.gt(0)), {
            description: 'The first-response target, in minutes.',
          }),
          items: z.array(queueItem),
          nextCursor: withMeta(z.nullable(z.string()), {
            description: 'The next page, or null on the last page.',
          }),
        }),
      },
    },
  }),
  'GET /api/admin/affairs/requests/{id}': route({
    function: 'residentAffairsStaff',
    summary: "A resident's request",
    description:
      'The whole request: contact, description, attributes, exact place, photos (short-lived URLs), full timeline and the states it may move to.',
    tags: ['resident-affairs-staff'],
    ...staffOnly,
    audit: 'affairs.read',
    pathParameters: requestPath,
    answers: {
      200: { description: 'The request.', json: affairsRequest },
      404: { description: 'No request has this id.', problems: ['not-found'] },
    },
  }),
  'POST /api/admin/affairs/requests/{id}/state': change({
    summary: "Change a request's status",
    description:
      'Moves the request on (acknowledged, in progress, resolved, closed; a resolved one may reopen), with an optional public note sent to the requester.',
    audit: 'affairs.state',
    schema: z.strictObject({ state: requestState, expectedState, note: z.optional(noteText) }),
    example: { state: 'acknowledged', expectedState: 'submitted', note: 'We are on our way.' },
    conflicts: 'The request is no longer in expectedState, or may not move to this state.',
  }),
  'POST /api/admin/affairs/requests/{id}/notes': change({
    summary: 'Add a note',
    description:
      'A public note (shown on the follow link and e-mailed to a requester who left an address) or an internal one (staff only).',
    audit: 'affairs.note',
    schema: z.strictObject({ visibility: z.enum(['public', 'internal']), text: noteText, expectedState }),
    example: { visibility: 'public', text: 'The cars have been moved.', expectedState: 'acknowledged' },
    conflicts: 'The request is no longer in expectedState, or was merged or anonymised.',
  }),
  'POST /api/admin/affairs/requests/{id}/assign': change({
    summary: 'Assign to a department',
    description: 'Sets the department that sees the request through.',
    audit: 'affairs.assign',
    schema: z.strictObject({ department, expectedState }),
    example: { department: 'transport', expectedState: 'acknowledged' },
    conflicts: 'The request is no longer in expectedState, or was merged or anonymised.',
  }),
  'POST /api/admin/affairs/requests/{id}/merge': change({
    summary: 'Merge a duplicate',
    description:
      'Closes this request as a duplicate of `into`, which carries on; both timelines say so. The answer is the duplicate.',
    audit: 'affairs.merge',
    schema: z.strictObject({ into: ulid, expectedState }),
    example: { into: '01JD3Z6Q8N4X2V7B5C9K1M0PRS', expectedState: 'submitted' },
    conflicts:
      'The request is no longer in expectedState, is closed, is the request named by into, or into was itself merged or is gone.',
  }),
  'POST /api/admin/affairs/requests/{id}/location': change({
    summary: "Confirm a request's place",
    description:
      "`street`: staff checked the point is a public street, bridge or square, so public views show it as given; `exact`: it is not (public views snap it to a ~100 m cell). A landmark's place has no precision.",
    audit: 'affairs.location',
    schema: z.strictObject({ precision: z.enum(['street', 'exact']), expectedState }),
    example: { precision: 'street', expectedState: 'acknowledged' },
    conflicts: 'The request is no longer in expectedState, or its place is a landmark.',
  }),
} satisfies Record<string, RouteDeclaration>;
