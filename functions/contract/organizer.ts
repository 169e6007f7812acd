import * as z from 'zod/mini';
import { auditActions } from '../domain/audit.ts';
import { noReceiptVersion } from '../domain/registration-model.ts';
import { categoryIdParameter, countryCodeParameter, pageCursor, ulid } from './identifiers.ts';
import { checkinCodeLimit, searchTextLimit } from './limits.ts';
import { withMeta } from './meta.ts';
import { registrationSelectionQuery } from './registration-selection.ts';
import { erasureDone, registration, registrationStatus } from './registrations.ts';
import { route } from './route.ts';
import { freeText } from './text.ts';

const organizerOnly = { roles: ['organizer'], security: 'organizerToken' } as const;

/** A registration in the organizer's list: what the desk needs, without dietary or visa details. */
export const adminRow = withMeta(
  z.extend(
    z.pick(registration, {
      id: true,
      code: true,
      status: true,
      category: true,
      name: true,
      email: true,
      country: true,
      organization: true,
      createdAt: true,
      checkedInAt: true,
    }),
    {
      noticeVersion: withMeta(z.optional(z.string()), {
        description: 'The privacy notice version agreed to; absent before receipts were kept.',
      }),
    },
  ),
  { id: 'AdminRegistration' },
);

const attendeeSummary = z.pick(registration, { name: true, category: true, country: true });

const counts = {
  capacity: z.number().check(z.int(), z.gte(0)),
  confirmed: z.number().check(z.int(), z.gte(0)),
  waitlisted: z.number().check(z.int(), z.gte(0)),
  pending: z.number().check(z.int(), z.gte(0)),
  checkedIn: z.number().check(z.int(), z.gte(0)),
};

const registrationPath = z.strictObject({ id: ulid });

const decision = (verb: 'approve' | 'reject') =>
  route({
    function: 'organizer',
    summary: verb === 'approve' ? 'Approve a registration' : 'Reject a registration',
    description:
      verb === 'approve'
        ? 'Confirms a registration awaiting approval when a seat is free, otherwise puts it on the waiting list.'
        : 'Refuses a registration awaiting approval.',
    tags: ['organizer'],
    ...organizerOnly,
    audit: verb === 'approve' ? 'registration.approve' : 'registration.reject',
    pathParameters: registrationPath,
    answers: {
      200: { description: 'The registration after the decision.', json: adminRow },
      404: { description: 'No registration has this id.', problems: ['not-found'] },
      409: { description: 'The registration is not awaiting approval.', problems: ['conflict'] },
    },
  });

const isoTime = withMeta(z.iso.datetime({ offset: true }), { example: '2027-11-08T09:00:00+08:00' });

/** One entry of the audit trail (functions/domain/audit.ts). */
const auditEntry = withMeta(
  z.object({
    id: ulid,
    at: z.iso.datetime(),
    actor: withMeta(z.string(), { description: "The staff token's subject." }),
    groups: z.array(z.string()),
    action: z.enum(auditActions),
    outcome: withMeta(z.enum(['succeeded', 'refused']), {
      description: 'refused: the request changed nothing (no such item, not allowed in its state).',
    }),
    registrationIds: withMeta(z.array(ulid), { description: 'The registrations shown or changed.' }),
    target: withMeta(z.optional(z.string()), { description: "A category, review or resident request's id." }),
    requestIds: withMeta(z.optional(z.array(ulid)), {
      description: "The residents' requests a queue page showed.",
    }),
    filter: withMeta(z.optional(z.record(z.string(), z.string())), {
      description: 'The filter of a list, search or export.',
    }),
    requestId: z.string(),
    clientHash: withMeta(z.string(), { description: "HMAC-SHA-256 of the client's address, hex." }),
    expiresAt: withMeta(z.number().check(z.int()), {
      description: 'When the retention rule removes it (epoch seconds).',
    }),
  }),
  { id: 'AuditEntry' },
);

export const organizerContract = {
  'DELETE /api/admin/registrations/{id}': route({
    function: 'organizer',
    summary: 'Erase a registration',
    description:
      "Erases a registration's personal data at its holder's request (e.g. by e-mail): as the holder's own erasure, a live registration of the current edition is cancelled first and its seat goes to the waiting list.",
    tags: ['organizer'],
    ...organizerOnly,
    audit: 'registration.erase',
    pathParameters: registrationPath,
    answers: {
      200: { description: 'Erased.', json: erasureDone },
      404: { description: 'No registration has this id.', problems: ['not-found'] },
      410: { description: 'It was erased before.', problems: ['erased'] },
    },
  }),
  'GET /api/admin/registrations': route({
    function: 'organizer',
    summary: 'List registrations',
    description: 'Registrations of the current edition, filtered, newest first, a page at a time.',
    tags: ['organizer'],
    ...organizerOnly,
    audit: 'registrations.list',
    query: z.strictObject({
      status: z.optional(registrationStatus),
      category: z.optional(categoryIdParameter),
      country: z.optional(countryCodeParameter),
      q: z.optional(freeText({ max: searchTextLimit })),
      limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
      cursor: z.optional(pageCursor(2048)),
    }),
    answers: {
      200: {
        description: 'One page of registrations.',
        json: z.object({
          items: z.array(adminRow),
          nextCursor: withMeta(z.nullable(z.string()), {
            description: 'The next page, or null on the last page.',
          }),
        }),
      },
    },
  }),
  'GET /api/admin/registrations.csv': route({
    function: 'organizer',
    summary: 'Export registrations',
    description:
      'The registrations of the current edition the query selects (all of them without one) as CSV, one row each, oldest first; erased ones have nothing left to export.',
    tags: ['organizer'],
    ...organizerOnly,
    audit: 'registrations.export',
    query: z.strictObject(registrationSelectionQuery),
    answers: {
      200: {
        description: 'The registrations.',
        media: { type: 'text/csv', description: 'RFC 4180 CSV with a header row, sent as an attachment.' },
      },
    },
  }),
  'POST /api/admin/registrations/{id}/approve': decision('approve'),
  'POST /api/admin/registrations/{id}/reject': decision('reject'),
  'PUT /api/admin/categories/{id}': route({
    function: 'organizer',
    summary: "Set a category's capacity",
    description: 'Changes the seat quota; waitlisted registrations are promoted into new seats.',
    tags: ['organizer'],
    ...organizerOnly,
    audit: 'category.capacity',
    pathParameters: z.strictObject({ id: categoryIdParameter }),
    body: {
      schema: z.strictObject({ capacity: z.number().check(z.int(), z.gte(0), z.lte(100_000)) }),
      maxBytes: 1024,
      example: { capacity: 800 },
    },
    answers: {
      200: { description: 'The category after the change.', json: z.object({ id: z.string(), ...counts }) },
      404: { description: 'No category has this id.', problems: ['not-found'] },
      409: { description: 'More registrations are confirmed than the new capacity.', problems: ['conflict'] },
    },
  }),
  'POST /api/admin/checkins': route({
    function: 'organizer',
    summary: 'Check an attendee in',
    description: "Checks in the holder of a check-in code (typed or read from the ticket's QR code).",
    tags: ['check-in'],
    roles: ['organizer', 'checkin'],
    audit: 'registration.checkin',
    security: 'organizerToken',
    body: {
      schema: z.strictObject({
        code: freeText({ max: checkinCodeLimit }),
        nonce: withMeta(z.optional(z.string().check(z.minLength(8), z.maxLength(100))), {
          description: 'Makes a retried scan count once.',
        }),
      }),
      maxBytes: 1024,
      example: { code: '7KQ4-M2XZ-9' },
    },
    answers: {
      200: {
        description: 'Checked in now.',
        json: z.object({
          result: z.literal('checked_in'),
          checkedInAt: z.iso.datetime({ offset: true }),
          registration: attendeeSummary,
        }),
      },
      404: { description: 'No registration has this check-in code.', problems: ['not-found'] },
      409: {
        description: 'Already checked in: when, and who.',
        json: z.object({
          result: z.literal('already_checked_in'),
          firstCheckedInAt: z.iso.datetime({ offset: true }),
          registration: attendeeSummary,
        }),
      },
      422: { description: 'The registration has no confirmed seat.', problems: ['not-confirmed'] },
    },
  }),
  'GET /api/admin/stats': route({
    function: 'organizer',
    summary: 'Figures',
    description:
      'Seats by category, registrations by country and by privacy notice version, the overseas share and check-ins.',
    tags: ['organizer'],
    ...organizerOnly,
    // Counts only, no person's data; recorded all the same, as staff access.
    audit: 'statistics.read',
    answers: {
      200: {
        description: 'The figures.',
        json: z.object({
          categories: z.record(z.string(), z.object(counts)),
          byCountry: z.record(z.string(), z.number().check(z.int(), z.gte(0))),
          overseasShare: z.number().check(z.gte(0), z.lte(1)),
          checkedIn: z.number().check(z.int(), z.gte(0)),
          byNoticeVersion: withMeta(z.record(z.string(), z.number().check(z.int(), z.gte(0))), {
            description: `Live registrations per privacy notice version agreed to ("${noReceiptVersion}": made before receipts were kept).`,
          }),
        }),
      },
    },
  }),
  'GET /api/admin/audit': route({
    function: 'organizer',
    summary: 'Read the audit trail',
    description:
      'Who did what to which registrations, newest first, a page at a time; filtered by actor, action, registration and time. This read is recorded too.',
    tags: ['organizer'],
    ...organizerOnly,
    audit: 'audit.read',
    query: z.strictObject({
      actor: z.optional(z.string().check(z.regex(/^[A-Za-z0-9._@:-]{1,128}$/, "a staff token's subject"))),
      action: z.optional(z.enum(auditActions)),
      registration: z.optional(ulid),
      from: withMeta(z.optional(isoTime), { description: 'Entries at or after this time.' }),
      to: withMeta(z.optional(isoTime), { description: 'Entries at or before this time.' }),
      limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
      cursor: z.optional(pageCursor(2048)),
    }),
    answers: {
      200: {
        description: 'One page of entries.',
        json: z.object({
          items: z.array(auditEntry),
          nextCursor: withMeta(z.nullable(z.string()), {
            description: 'The next page, or null on the last page.',
          }),
        }),
      },
    },
  }),
};
