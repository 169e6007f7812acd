import * as z from 'zod/mini';
import { registrationInput } from '../domain/registration-input.ts';
import { ulid } from './identifiers.ts';
import { bulkDecisionLimit, editReasonLimits, registrationLimits } from './limits.ts';
import { withMeta } from './meta.ts';
import { adminRow } from './organizer.ts';
import { route } from './route.ts';
import { freeText, optionalFreeText } from './text.ts';

const organizerOnly = { roles: ['organizer'], security: 'organizerToken' } as const;

/** The fields an organizer may correct, as a registrant sends them. */
const editableFields = ['name', 'organization', 'country', 'email'] as const;

const correction = z
  .strictObject({
    name: z.optional(freeText({ max: registrationLimits.name }, 'enter a name')),
    organization: withMeta(optionalFreeText({ max: registrationLimits.organization }), {
      description: 'An empty string removes the organisation.',
    }),
    country: z.optional(registrationInput.shape.country),
    email: z.optional(registrationInput.shape.email),
    reason: withMeta(
      freeText({ max: editReasonLimits.max }, 'say why the registration is changed').check(
        z.minLength(editReasonLimits.min, `at least ${editReasonLimits.min} characters`),
      ),
      {
        description:
          'Why the registration is changed, kept in the audit trail with the names of the fields changed. Staff text: no personal data.',
      },
    ),
  })
  .check(
    z.superRefine((body, context) => {
      if (editableFields.some((field) => body[field] !== undefined)) return;
      context.addIssue({
        code: 'custom',
        path: ['name'],
        message: `give at least one of ${editableFields.join(', ')}`,
      });
    }),
  );

const bulkResult = withMeta(
  z.discriminatedUnion('result', [
    z.object({ id: ulid, result: z.enum(['approved', 'waitlisted', 'rejected']) }),
    z.object({
      id: ulid,
      result: z.literal('refused'),
      reason: withMeta(z.enum(['no_seat', 'not_pending', 'not_found']), {
        description:
          'no_seat: no seat was free (and whenFull is refuse), it still awaits approval; not_pending: decided before (by this or another request); not_found: no registration of the current edition has this id.',
      }),
    }),
  ]),
  { id: 'BulkDecisionResult' },
);

const resultCount = z.number().check(z.int(), z.gte(0));

/** The organizers' changes beside single decisions: corrections of a registration, bulk decisions. */
export const registrationEditsContract = {
  'PATCH /api/admin/registrations/{id}': route({
    function: 'organizer',
    summary: 'Correct a registration',
    description:
      "Changes a live registration's name, organisation, country or e-mail address (a typo, a new address), with the reason kept in the audit trail. The e-mail address stays unique in the edition. Fields left out keep their values.",
    tags: ['organizer'],
    ...organizerOnly,
    audit: 'registration.edit',
    pathParameters: z.strictObject({ id: ulid }),
    body: {
      schema: correction,
      maxBytes: 4096,
      example: { name: 'Li Wei', reason: 'Typo in the family name, as on the passport.' },
    },
    answers: {
      200: { description: 'The registration after the change.', json: adminRow },
      404: { description: 'No registration of the current edition has this id.', problems: ['not-found'] },
      409: {
        description:
          'Another registration of the edition holds the e-mail address (the error names email), or the registration is cancelled or rejected.',
        problems: ['conflict'],
      },
      410: { description: 'The registration was erased.', problems: ['erased'] },
    },
  }),
  'POST /api/admin/registrations/decisions': route({
    function: 'organizer',
    summary: 'Approve or reject many registrations',
    description:
      'Decides each registration awaiting approval as the single approve or reject does (seat rules, its message, its audit entry), in the order given. An approval that finds no free seat leaves the registration pending and is refused (no_seat), unless whenFull is waitlist. Overlapping requests never decide a registration twice.',
    tags: ['organizer'],
    ...organizerOnly,
    audit: ['registration.approve', 'registration.reject'],
    body: {
      schema: z.strictObject({
        decision: z.enum(['approve', 'reject']),
        ids: withMeta(z.array(ulid).check(z.minLength(1), z.maxLength(bulkDecisionLimit)), {
          description:
            'Decided in this order; an id named again is decided once, its later mentions refused as not pending.',
        }),
        whenFull: withMeta(z._default(z.enum(['refuse', 'waitlist']), 'refuse'), {
          description: 'What an approval does when no seat is free: refuse (stay pending) or waitlist.',
        }),
      }),
      maxBytes: 16 * 1024,
      example: { decision: 'approve', ids: ['01JD3Z6Q8N4X2V7B5C9K1M0PRS'] },
    },
    answers: {
      200: {
        description: 'Each registration’s result, in the order of the ids, and how many of each.',
        json: z.object({
          results: z.array(bulkResult),
          counts: z.object({
            approved: resultCount,
            waitlisted: resultCount,
            rejected: resultCount,
            refused: resultCount,
          }),
        }),
      },
    },
  }),
};
