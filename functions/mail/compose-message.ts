import MailComposer from 'nodemailer/lib/mail-composer';
import { qrCodePng } from '../domain/qr-code-png.ts';
import type { OutboxMessage } from '../domain/registration-model.ts';
import { type MessageSettings, renderMessage, senderDomain } from './render-message.ts';

/** The raw RFC 5322 message telling a registrant what became of their registration. */
export async function composeMessage(message: OutboxMessage, settings: MessageSettings): Promise<Buffer> {
  const domain = senderDomain(settings.from);
  const { subject, text, html, ticket } = await renderMessage(message, settings);
  const composer = new MailComposer({
    from: settings.from,
    to: { name: message.name, address: message.to },
    subject,
    // The outbox id keeps the Message-ID the same when a message is sent again after a failure.
    messageId: `<${message.id}@${domain}>`,
    date: new Date(message.createdAt),
    // RFC 3834: keeps out-of-office replies from answering a machine.
    headers: { 'Auto-Submitted': 'auto-generated' },
    text,
    html,
    attachments: ticket
      ? [
          {
            cid: ticket.cid,
            filename: 'check-in-qr-code.png',
            contentType: 'image/png',
            // Twice the display size, so the code stays sharp on high-density screens.
            content: await qrCodePng(ticket.signedCode, 2 * ticket.displaySize),
          },
        ]
      : [],
    // RFC 5322 ends lines with CRLF; the composer otherwise keeps the bare LF of the parts.
    newline: 'win',
  });
  return composer.compile().build();
}
