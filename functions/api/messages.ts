import type { messagesContract } from '../contract/messages.ts';
import type { RegistrationContext } from '../domain/registration-context.ts';
import { resendLastMessage } from '../domain/resend.ts';
import { sampleMessage, sampleSigningKey } from '../domain/sample-message.ts';
import { json, notFound, problem } from '../http/response.ts';
import type { Routes } from '../http/route-handler.ts';
import { renderMessage } from '../mail/render-message.ts';
import { personal } from './organizer.ts';

type MessagesRoutes = Pick<Routes<'organizer'>, keyof typeof messagesContract>;

/** The preview's sender: only its domain is used, in the QR code's cid, which the preview replaces. */
const sampleSender = 'Sample <sample@example.invalid>';

/** The organizers' routes for messages to registrants; each records its request in the audit trail. */
export function messagesRoutes(contextFor: () => Promise<RegistrationContext>): MessagesRoutes {
  return {
    'GET /api/admin/messages/{kind}/preview': async (
      { path: { kind }, query: { language } },
      _event,
      audit,
    ) => {
      const context = await contextFor();
      // The current edition has at least one category (content/schemas/edition.ts): the sample takes the first.
      const [category] = await context.store.listCategories(context.edition.id);
      if (!category) throw new Error('the current edition has no category: the content has not been seeded');
      const message = sampleMessage(kind, language, {
        editionName: context.edition.name,
        categoryName: category.name,
        siteOrigin: context.siteOrigin,
        at: context.now().toISOString(),
      });
      const rendered = await renderMessage(message, {
        from: sampleSender,
        siteOrigin: context.siteOrigin,
        signingKey: sampleSigningKey,
        currentEdition: async () => message.edition,
      });
      // A page cannot resolve cid: references: the ticket's QR code goes inline, drawn as SVG (the
      // e-mail attaches the same symbol as a PNG), by the encoder the function loads only when asked.
      const { ticket } = rendered;
      let html = rendered.html;
      if (ticket) {
        const { qrCodeSvg } = await import('#qr-code');
        const svg = Buffer.from(await qrCodeSvg(ticket.signedCode)).toString('base64');
        html = html.replace(`cid:${ticket.cid}`, `data:image/svg+xml;base64,${svg}`);
      }
      await audit.record({ filter: { kind, language } });
      // A sample holds nobody's data; staff answers are never cached all the same.
      return json(
        200,
        { kind, language, subject: rendered.subject, text: rendered.text, html },
        { 'cache-control': 'no-store' },
      );
    },

    'POST /api/admin/registrations/{id}/resend': async ({ path: { id } }, _event, audit) => {
      const outcome = await resendLastMessage(await contextFor(), id, audit);
      switch (outcome.kind) {
        case 'queued':
          return json(
            200,
            { messageId: outcome.messageId, kind: outcome.messageKind, newManageLink: outcome.newManageLink },
            personal,
          );
        case 'not_found':
          return notFound('There is no such registration in the current edition.');
        case 'erased':
          return problem({ kind: 'erased', detail: `This registration was erased at ${outcome.erasedAt}.` });
        case 'too_soon':
          return problem({
            kind: 'rate-limited',
            detail: `This registration's message was sent again less than ${outcome.retryAfterSeconds} seconds ago.`,
            headers: { 'retry-after': String(outcome.retryAfterSeconds) },
          });
      }
    },
  };
}
