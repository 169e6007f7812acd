import * as z from 'zod';
import { auditActions } from '../domain/audit.ts';
import { noReceiptVersion } from '../domain/registration-model.ts';
import { categoryIdParameter, pageCursor, ulid } from './identifiers.ts';
import { checkinCodeLimit, searchTextLimit } from './limits.ts';
import { erasureDone, registration, registrationStatus } from './registrations.ts';
import { route } from './route.ts';
import { freeText } from './text.ts';

const organizerOnly = { roles: ['organizer'], security: 'organizerToken' } as const;

/** A registration in the organizer's list: what the desk needs, without dietary or visa details. */
export const adminRow = registration
  .pick({
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
  })
  .extend({
    noticeVersion: z
      .string()
      .optional()
      .meta({ description: 'The privacy notice version agreed to; absent before receipts were kept.' }),
  })
  .meta({ id: 'AdminRegistration' });

const attendeeSummary = registration.pick({ name: true, category: true, country: true });

const counts = {
  capacity: z.number().int().min(0),
  confirmed: z.number().int().min(0),
  waitlisted: z.number().int().min(0),
  pending: z.number().int().min(0),
  checkedIn: z.number().int().min(0),
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

const isoTime = z.iso.datetime({ offset: true }).meta({ example: '2027-11-08T09:00:00+08:00' });

/** One entry of the audit trail (functions/domain/audit.ts). */
const auditEntry = z
  .object({
    id: ulid,
    at: z.iso.datetime(),
    actor: z.string().meta({ description: "The staff token's subject." }),
    groups: z.array(z.string()),
    action: z.enum(auditActions),
    outcome: z.enum(['succeeded', 'refused']).meta({
      description: 'refused: the request changed nothing (no such item, not allowed in its state).',
    }),
    registrationIds: z.array(ulid).meta({ description: 'The registrations shown or changed.' }),
    target: z.string().optional().meta({ description: 'A category or review id.' }),
    filter: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: 'The filter of a list, search or export.' }),
    requestId: z.string(),
    clientHash: z.string().meta({ description: "HMAC-SHA-256 of the client's address, hex." }),
    expiresAt: z.number().int().meta({ description: 'When the retention rule removes it (epoch seconds).' }),
  })
  .meta({ id: 'AuditEntry' });

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
      status: registrationStatus.optional(),
      category: categoryIdParameter.optional(),
      country: z
        .string()
        .regex(/^[A-Za-z]{2}$/, 'a two-letter country code')
        .toUpperCase()
        .optional(),
      q: freeText({ max: searchTextLimit }).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(25),
      cursor: pageCursor(2048).optional(),
    }),
    answers: {
      200: {
        description: 'One page of registrations.',
        json: z.object({
          items: z.array(adminRow),
          nextCursor: z.string().nullable().meta({ description: 'The next page, or null on the last page.' }),
        }),
      },
    },
  }),
  'GET /api/admin/registrations.csv': route({
    function: 'organizer',
    summary: 'Export registrations',
    description: 'Every registration of the current edition as CSV, one row each.',
    tags: ['organizer'],
    ...organizerOnly,
    audit: 'registrations.export',
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
      schema: z.strictObject({ capacity: z.number().int().min(0).max(100_000) }),
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
        nonce: z.string().min(8).max(100).optional().meta({
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
          byCountry: z.record(z.string(), z.number().int().min(0)),
          overseasShare: z.number().min(0).max(1),
          checkedIn: z.number().int().min(0),
          byNoticeVersion: z.record(z.string(), z.number().int().min(0)).meta({
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
      actor: z
        .string()
        .regex(/^[A-Za-z0-9._@:-]{1,128}$/, "a staff token's subject")
        .optional(),
      action: z.enum(auditActions).optional(),
      registration: ulid.optional(),
      from: isoTime.optional().meta({ description: 'Entries at or after this time.' }),
      to: isoTime.optional().meta({ description: 'Entries at or before this time.' }),
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: pageCursor(2048).optional(),
    }),
    answers: {
      200: {
        description: 'One page of entries.',
        json: z.object({
          items: z.array(auditEntry),
          nextCursor: z.string().nullable().meta({ description: 'The next page, or null on the last page.' }),
        }),
      },
    },
  }),
};
