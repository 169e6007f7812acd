import * as z from 'zod/mini';
import { localizedText } from '../../content/schemas/localized.ts';
import { maxIdempotencyKeyLength } from '../domain/idempotency.ts';
import { registrationInput } from '../domain/registration-input.ts';
import { languages, registrationStatuses } from '../domain/registration-model.ts';
import { ulid } from './identifiers.ts';
import { withMeta } from './meta.ts';
import { altchaExample, altchaSolution, honeypot } from './proof-of-work.ts';
import { route } from './route.ts';

export const registrationStatus = withMeta(z.enum(registrationStatuses), { id: 'RegistrationStatus' });

const instant = z.iso.datetime({ offset: true });

/** What the registrant agreed to, recorded when they registered. */
const consentReceipt = withMeta(
  z.object({
    noticeVersion: withMeta(z.string(), { description: 'The version of the privacy notice agreed to.' }),
    language: withMeta(z.enum(languages), { description: 'The language the notice was shown in.' }),
    givenAt: instant,
    registration: z.literal(true),
    crossBorderTransfer: z.literal(true),
    partnerSharing: z.boolean(),
  }),
  { id: 'ConsentReceipt' },
);

/** Idempotency-Key, for the posting routes that can be retried safely. */
export const idempotencyKeyHeader = z.object({
  'idempotency-key': withMeta(
    z.optional(z.string().check(z.minLength(1), z.maxLength(maxIdempotencyKeyLength))),
    { description: 'Any unique string; a retry with the same key and body gets the same answer.' },
  ),
});

/** A registration as its holder and organizers see it. */
export const registration = withMeta(
  z.object({
    id: ulid,
    edition: z.string(),
    category: z.string(),
    status: registrationStatus,
    name: z.string(),
    email: z.string(),
    country: z.string(),
    organization: z.optional(z.string()),
    jobTitle: z.optional(z.string()),
    language: z.enum(languages),
    dietary: z.optional(z.string()),
    needsVisaLetter: z.boolean(),
    code: withMeta(z.string(), { description: 'The check-in code, without separators.' }),
    createdAt: instant,
    updatedAt: instant,
    checkedInAt: z.optional(instant),
    consent: withMeta(z.optional(consentReceipt), {
      description: 'Absent only on registrations made before consent receipts were kept.',
    }),
  }),
  { id: 'Registration' },
);

/** The manage token, as `Authorization: Bearer <token>`; absent or wrong, the registration is "not found". */
const manageTokenHeader = z.object({
  authorization: withMeta(z.optional(z.string().check(z.maxLength(4096))), {
    description: 'Bearer <manage token>, the token given when registering.',
  }),
});

const ownRegistration = {
  security: 'manageToken',
  pathParameters: z.strictObject({ id: ulid }),
  headers: manageTokenHeader,
} as const;

const noSuchRegistration = {
  description: 'No registration has this id and token (a wrong token looks the same).',
  problems: ['not-found'],
} as const;

const erasedRegistration = {
  description:
    "The registration's personal data has been erased (by its holder, an organizer or the retention rule).",
  problems: ['erased'],
} as const;

/** Everything stored about one registrant, as they download it. */
const personalDataExport = withMeta(
  z.object({
    exportedAt: instant,
    registration: withMeta(
      z.looseObject({ id: ulid, edition: z.string(), status: registrationStatus, createdAt: instant }),
      { description: 'The registration as stored, every field of it (consent receipt included).' },
    ),
    checkIns: withMeta(z.array(instant), { description: 'When the registrant was checked in at the door.' }),
    checkinScans: withMeta(z.array(z.object({ scannedAt: instant, desk: z.string(), arrivedAt: instant })), {
      description:
        'The scans of their ticket check-in desks uploaded: which desk, when, and when it arrived.',
    }),
    messages: withMeta(
      z.array(z.looseObject({ id: ulid, kind: z.string(), createdAt: instant, sentAt: z.optional(instant) })),
      { description: 'The copies of the messages sent (or about to be sent) to the registrant.' },
    ),
  }),
  { id: 'PersonalDataExport' },
);

const erasureConfirmation = withMeta(
  z.strictObject({
    confirm: withMeta(z.literal(true), { description: 'Must be true: erasure cannot be undone.' }),
  }),
  { id: 'ErasureConfirmation' },
);

/** The answer to an erasure, for the registrant and for organizers. */
export const erasureDone = withMeta(
  z.object({
    status: z.literal('erased'),
    erasedAt: instant,
    promoted: withMeta(z.number().check(z.int(), z.gte(0)), {
      description: 'How many waiting registrations took the seat it freed (0 or 1).',
    }),
  }),
  { id: 'ErasureDone' },
);

const category = withMeta(
  z.object({
    id: z.string(),
    name: localizedText,
    capacity: z.number().check(z.int(), z.gte(0)),
    confirmed: z.number().check(z.int(), z.gte(0)),
    waitlisted: z.number().check(z.int(), z.gte(0)),
    seatsLeft: z.number().check(z.int(), z.gte(0)),
    needsApproval: z.boolean(),
    opensAt: z.optional(instant),
    closesAt: z.optional(instant),
    open: withMeta(z.boolean(), { description: 'Registration for this category is open now.' }),
  }),
  { id: 'Category' },
);

const created = withMeta(
  z.object({
    id: ulid,
    code: z.string(),
    status: z.enum(['confirmed', 'waitlisted', 'pending_approval'] as const satisfies readonly z.infer<
      typeof registrationStatus
    >[]),
    manageToken: withMeta(z.string(), { description: 'Keep it: it is the only key to this registration.' }),
    manageUrl: z.url(),
  }),
  { id: 'RegistrationCreated' },
);

export const registrationsContract = {
  'GET /api/categories': route({
    function: 'registrations',
    summary: 'Registration categories',
    description: 'The current edition and its categories, with seats left and whether each is open.',
    tags: ['registration'],
    cacheControl: 'public, max-age=10',
    answers: {
      200: {
        description: 'The edition and its categories.',
        json: z.object({
          edition: z.object({
            id: z.string(),
            name: localizedText,
            noticeVersion: withMeta(z.string(), {
              description: 'The privacy notice in force: registrations send it as noticeVersion.',
            }),
          }),
          items: z.array(category),
        }),
      },
    },
  }),
  'POST /api/registrations': route({
    function: 'registrations',
    summary: 'Register',
    description:
      'Registers one attendee for the current edition: confirmed while seats last, then waitlisted; some categories wait for approval. Requires a solved proof-of-work challenge (altcha). Send an Idempotency-Key to retry safely.',
    tags: ['registration'],
    headers: idempotencyKeyHeader,
    body: {
      schema: z.extend(registrationInput, { altcha: altchaSolution('registration'), website: honeypot }),
      maxBytes: 16 * 1024,
      example: {
        category: 'delegate',
        name: 'Li Wei',
        email: 'li.wei@example.org',
        country: 'CN',
        organization: 'Example Network Co.',
        language: 'zh',
        needsVisaLetter: false,
        consent: true,
        crossBorderConsent: true,
        partnerSharingConsent: false,
        noticeVersion: '2026-12-01',
        altcha: altchaExample,
      },
    },
    answers: {
      201: {
        description: 'Registered (or the answer to the first request with this Idempotency-Key).',
        json: created,
        example: {
          id: '01JD3Z6Q8N4X2V7B5C9K1M0PRS',
          code: '7KQ4M2XZ9',
          status: 'confirmed',
          manageToken: 'kq3Vx2YtG8hJ0mN5pR7sT9uW1yZ4aB6cD8eF0gH2iJ4',
          manageUrl:
            'https://portal.example.org/en/registration/manage/#id=01JD3Z6Q8N4X2V7B5C9K1M0PRS&token=kq3Vx2YtG8hJ0mN5pR7sT9uW1yZ4aB6cD8eF0gH2iJ4',
        },
      },
      409: {
        description:
          'The e-mail address is already registered (its holder is told by e-mail, at most once a day), registration is closed, or a request with this Idempotency-Key is still being processed (with retry-after).',
        problems: ['already-registered', 'registration-closed', 'request-in-progress'],
        headers: {
          'retry-after': {
            description: 'With request-in-progress: seconds to wait before retrying.',
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
  'GET /api/registrations/{id}': route({
    function: 'registrations',
    summary: 'Read your registration',
    description: 'The registration, for the holder of its manage token.',
    tags: ['registration'],
    ...ownRegistration,
    answers: {
      200: {
        description: 'The registration with its category name.',
        json: z.extend(registration, { categoryName: localizedText }),
      },
      404: noSuchRegistration,
      410: erasedRegistration,
    },
  }),
  'GET /api/registrations/{id}/export': route({
    function: 'registrations',
    summary: 'Download your data',
    description:
      'Everything stored about the holder of the manage token, as a JSON download: the registration with its consent receipt, check-in times and the messages sent to them. Nothing about anyone else.',
    tags: ['registration'],
    ...ownRegistration,
    answers: {
      200: {
        description: 'The download.',
        json: personalDataExport,
        headers: {
          'content-disposition': {
            description: 'attachment, with a file name.',
            schema: z.string().check(z.startsWith('attachment')),
          },
        },
      },
      404: noSuchRegistration,
      410: erasedRegistration,
    },
  }),
  'POST /api/registrations/{id}/erasure': route({
    function: 'registrations',
    summary: 'Erase your registration',
    description:
      'Cancels the registration (its seat goes to the first on the waiting list) and removes the name, e-mail, organisation and every other personal detail from everything the portal stores. It cannot be undone; afterwards the manage link answers 410 and the e-mail address can register again.',
    tags: ['registration'],
    ...ownRegistration,
    body: { schema: erasureConfirmation, maxBytes: 1024, example: { confirm: true } },
    answers: {
      200: { description: 'Erased.', json: erasureDone },
      404: noSuchRegistration,
      410: erasedRegistration,
    },
  }),
  'DELETE /api/registrations/{id}': route({
    function: 'registrations',
    summary: 'Cancel your registration',
    description: 'Cancels it; a confirmed seat goes to the first on the waiting list.',
    tags: ['registration'],
    ...ownRegistration,
    answers: {
      200: { description: 'Cancelled.', json: z.object({ status: z.literal('cancelled') }) },
      404: noSuchRegistration,
      410: erasedRegistration,
      409: { description: 'It cannot be cancelled any more (e.g. checked in).', problems: ['conflict'] },
    },
  }),
  'GET /api/registrations/{id}/ticket.svg': route({
    function: 'registrations',
    summary: 'Your ticket',
    description: "The ticket's QR code, for a confirmed registration.",
    tags: ['registration'],
    ...ownRegistration,
    answers: {
      200: {
        description: 'The ticket.',
        media: { type: 'image/svg+xml', description: 'An SVG image: the QR code of the check-in code.' },
      },
      404: noSuchRegistration,
      409: { description: 'The registration has no confirmed seat.', problems: ['no-ticket'] },
      410: erasedRegistration,
    },
  }),
};
