import addressparser from 'nodemailer/lib/addressparser';
import { formatCheckinCode } from '../domain/checkin-code.ts';
import { type CheckinSigningKey, signCheckinCode } from '../domain/checkin-signing-key.ts';
import type { OutboxKind, OutboxMessage } from '../domain/registration-model.ts';
import { type CommonWording, commonWording, kindWording } from './templates.ts';

/**
 * The kinds that leave the person holding a seat. Only these carry the ticket: a QR code in a
 * waiting-list or pending e-mail would look like one and bring people to a check-in desk that has
 * to turn them away.
 */
const ticketKinds: ReadonlySet<OutboxKind> = new Set(['confirmed', 'promoted', 'approved']);

/** The kinds after which there is still a registration to view, change or cancel. */
const openKinds: ReadonlySet<OutboxKind> = new Set([
  ...ticketKinds,
  'waitlisted',
  'pending_approval',
  'already_registered',
]);

const qrCodeDisplaySize = 200;

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

export function senderDomain(from: string): string {
  const [mailbox] = addressparser(from, { flatten: true });
  const domain = mailbox?.address.split('@')[1];
  if (!domain) throw new Error(`composeMessage: from has no e-mail address with a domain: ${from}`);
  return domain;
}

/**
 * The manage link itself, or where to find it. Only the first message has the link (and a message an
 * organizer sends again, with a new one), and after a rejection or a cancellation there is nothing
 * left to manage.
 */
function manageSection(
  message: OutboxMessage,
  common: CommonWording,
): { intro: string; url?: string } | undefined {
  if (message.manageUrl) {
    const intro = message.resent ? common.manageLinkRenewed : common.manageLinkIntro;
    return { intro, url: message.manageUrl };
  }
  return openKinds.has(message.kind) ? { intro: common.manageLinkReminder } : undefined;
}

export interface MessageSettings {
  from: string;
  siteOrigin: string;
  /** The edition's check-in signing key: the ticket's QR code carries the signed code. */
  signingKey: (edition: string) => Promise<CheckinSigningKey>;
  /** The current edition's id, for a message queued before messages named their edition. */
  currentEdition: () => Promise<string>;
}

/**
 * The edition a ticket is for. Outbox items queued before messages carried `edition` have none:
 * they were queued for the edition then current, which is still current while they wait to be sent
 * (a message is sent within seconds, or retried within the stream's retention).
 */
async function editionOf(message: OutboxMessage, currentEdition: () => Promise<string>): Promise<string> {
  const { edition } = message as Partial<OutboxMessage>;
  return edition ?? (await currentEdition());
}

/** A message as the registrant reads it, before it is put into MIME. */
export interface RenderedMessage {
  subject: string;
  text: string;
  /** The HTML part; a ticket's QR code is its image `cid:<ticket.cid>`. */
  html: string;
  /** For the kinds that hold a seat: the signed code the QR code carries, and the image's cid. */
  ticket?: { cid: string; signedCode: string; displaySize: number };
}

/** The subject, text and HTML telling a registrant what became of their registration. */
export async function renderMessage(
  message: OutboxMessage,
  { from, siteOrigin, signingKey, currentEdition }: MessageSettings,
): Promise<RenderedMessage> {
  const domain = senderDomain(from);
  const code = formatCheckinCode(message.code);
  const common = commonWording(message.language, { name: message.name, code });
  const wording = kindWording(message.kind, message.language, {
    edition: message.editionName[message.language],
    category: message.categoryName[message.language],
  });
  const ticket = ticketKinds.has(message.kind)
    ? {
        // The QR code carries the signed code a desk verifies offline; the text keeps the 9 symbols to type.
        signedCode: signCheckinCode(await signingKey(await editionOf(message, currentEdition)), message.code),
        cid: `ticket-${message.id}@${domain}`,
      }
    : undefined;
  const manage = manageSection(message, common);
  const privacyUrl = `${siteOrigin}${message.language === 'zh' ? '/zh' : ''}/privacy/`;

  const text = [
    common.greeting,
    wording.summary,
    wording.nextStep,
    ticket && common.codeLine,
    // The link on a line of its own, so that mail clients turn all of it, token included, into a link.
    manage && [manage.intro, manage.url].filter(Boolean).join('\n'),
    `${common.privacyNotice}\n${privacyUrl}`,
    common.signature,
  ]
    .filter(Boolean)
    .join('\n\n');

  const html = [
    `<!doctype html><html lang="${common.htmlLanguage}"><head><meta charset="utf-8">`,
    `<title>${escapeHtml(wording.subject)}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a">',
    `<p>${escapeHtml(common.greeting)}</p>`,
    `<p>${escapeHtml(wording.summary)}</p>`,
    `<p>${escapeHtml(wording.nextStep)}</p>`,
    ticket &&
      `<p><img src="cid:${escapeHtml(ticket.cid)}" width="${qrCodeDisplaySize}" height="${qrCodeDisplaySize}"` +
        ` alt="${escapeHtml(common.qrCodeAlt)}"><br>${escapeHtml(common.codeLine)}</p>`,
    manage &&
      `<p>${escapeHtml(manage.intro)}` +
        (manage.url ? `<br><a href="${escapeHtml(manage.url)}">${escapeHtml(manage.url)}</a>` : '') +
        '</p>',
    `<p>${escapeHtml(common.privacyNotice)}<br><a href="${escapeHtml(privacyUrl)}">${escapeHtml(privacyUrl)}</a></p>`,
    `<p>${escapeHtml(common.signature)}</p>`,
    '</body></html>',
  ]
    .filter(Boolean)
    .join('\n');

  return {
    subject: wording.subject,
    text,
    html,
    ...(ticket ? { ticket: { ...ticket, displaySize: qrCodeDisplaySize } } : {}),
  };
}
