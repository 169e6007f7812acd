import * as z from 'zod/mini';
import { languages, outboxKinds } from '../domain/registration-model.ts';
import { ulid } from './identifiers.ts';
import { withMeta } from './meta.ts';
import { route } from './route.ts';

const organizerOnly = { roles: ['organizer'], security: 'organizerToken' } as const;

const messageKind = withMeta(z.enum(outboxKinds), {
  description: 'The kind of message to registrants (the wording in content/messages/).',
  example: 'confirmed',
});

/** The organizers' routes for the messages to registrants, beside their other routes. */
export const messagesContract = {
  'GET /api/admin/messages/{kind}/preview': route({
    function: 'organizer',
    summary: 'Preview a message to registrants',
    description:
      'A kind of message as the mailer builds it, for a fictional sample registration (a sample name, a sample check-in code no desk admits, a QR code signed with a sample key and a manage link that opens nothing), in the current edition and its first category.',
    tags: ['organizer'],
    ...organizerOnly,
    audit: 'message.preview',
    pathParameters: z.strictObject({ kind: messageKind }),
    query: z.strictObject({
      language: withMeta(z._default(z.enum(languages), 'en'), { description: "The registrant's language." }),
    }),
    answers: {
      200: {
        description: 'The sample message.',
        json: z.object({
          kind: z.enum(outboxKinds),
          language: z.enum(languages),
          subject: z.string(),
          text: withMeta(z.string(), { description: 'The plain-text part.' }),
          html: withMeta(z.string(), {
            description:
              'The HTML part; the QR code a ticket e-mail attaches (a PNG) is inline here, the same symbol as an SVG data: URL in place of its cid: reference.',
          }),
        }),
      },
    },
  }),
  'POST /api/admin/registrations/{id}/resend': route({
    function: 'organizer',
    summary: "Resend a registrant's message",
    description:
      'Queues again, through the outbox, the message that says where the registration stands (the kind its status implies: confirmed, waitlisted, pending_approval, rejected or cancelled). While there is a registration to manage, the message carries a new manage link and the old link stops working. One resend per registration a minute.',
    tags: ['organizer'],
    ...organizerOnly,
    audit: 'registration.resend',
    pathParameters: z.strictObject({ id: ulid }),
    answers: {
      200: {
        description: 'Queued: the mailer sends it within seconds.',
        json: z.object({
          messageId: ulid,
          kind: z.enum(outboxKinds),
          newManageLink: withMeta(z.boolean(), {
            description: 'The message carries a new manage link; the one sent before no longer works.',
          }),
        }),
      },
      404: { description: 'No registration of the current edition has this id.', problems: ['not-found'] },
      410: { description: 'The registration was erased: there is no one to write to.', problems: ['erased'] },
      429: {
        description: "The registration's message was sent again less than a minute ago.",
        problems: ['rate-limited'],
        headers: {
          'retry-after': {
            description: 'Seconds to wait before sending it again.',
            schema: z.string().check(z.regex(/^\d+$/)),
          },
        },
      },
    },
  }),
};
