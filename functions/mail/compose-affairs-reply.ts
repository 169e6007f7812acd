import MailComposer from 'nodemailer/lib/mail-composer';
import type { RequestLocale, RequestState } from '../domain/resident-affairs/model.ts';
import type { AffairsReplyMessage } from '../domain/resident-affairs/reply-message.ts';
import { escapeHtml, senderDomain } from './render-message.ts';

interface ReplyWording {
  htmlLanguage: string;
  subject(requestId: string): string;
  greeting(name?: string): string;
  intro(service: string, requestId: string): string;
  state(state: RequestState): string;
  /** Why there is no link: the portal keeps only the follow token's hash. */
  followHint: string;
  privacyNotice: string;
  signature: string;
}

const stateNames: Record<RequestLocale, Record<RequestState, string>> = {
  en: {
    submitted: 'submitted',
    acknowledged: 'acknowledged',
    'in-progress': 'in progress',
    resolved: 'resolved',
    closed: 'closed',
  },
  zh: {
    submitted: '已提交',
    acknowledged: '已受理',
    'in-progress': '处理中',
    resolved: '已解决',
    closed: '已关闭',
  },
};

const wordings: Record<RequestLocale, ReplyWording> = {
  en: {
    htmlLanguage: 'en',
    subject: (requestId) => `Your request to Wuzhen township: a reply (${requestId})`,
    greeting: (name) => (name ? `Dear ${name},` : 'Hello,'),
    intro: (service, requestId) =>
      `The township's staff replied to your request "${service}" (${requestId}):`,
    state: (state) => `Its status now: ${stateNames.en[state]}.`,
    followHint: 'Every step of your request is on the follow link you were given when you sent it.',
    privacyNotice:
      'This e-mail and your contact details are removed when you erase your request from its follow link, or when the request is anonymised after it closed.',
    signature: 'Wuzhen township · resident affairs',
  },
  zh: {
    htmlLanguage: 'zh-Hans',
    subject: (requestId) => `乌镇镇政府回复了您的诉求（${requestId}）`,
    greeting: (name) => (name ? `${name}，您好：` : '您好：'),
    intro: (service, requestId) => `工作人员就您的诉求“${service}”（${requestId}）回复如下：`,
    state: (state) => `当前状态：${stateNames.zh[state]}。`,
    followHint: '您提交诉求时获得的跟进链接会显示处理的每一步。',
    privacyNotice: '当您通过跟进链接删除诉求，或诉求办结后被匿名化时，本邮件及您的联系方式将一并删除。',
    signature: '乌镇镇 · 民生事务',
  },
};

/** The raw RFC 5322 message carrying a staff member's public note to the requester. */
export async function composeAffairsReply(
  message: AffairsReplyMessage,
  { from }: { from: string },
): Promise<Buffer> {
  const domain = senderDomain(from);
  const wording = wordings[message.language];
  const paragraphs = [
    wording.greeting(message.name),
    wording.intro(message.serviceName[message.language], message.serviceRequestId),
    message.note,
    wording.state(message.state),
    wording.followHint,
    wording.privacyNotice,
    wording.signature,
  ];
  const subject = wording.subject(message.serviceRequestId);
  const html = [
    `<!doctype html><html lang="${wording.htmlLanguage}"><head><meta charset="utf-8">`,
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a">',
    // The note keeps its line breaks; each paragraph is escaped, staff text included.
    ...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`),
    '</body></html>',
  ].join('\n');
  const composer = new MailComposer({
    from,
    to: message.name ? { name: message.name, address: message.to } : message.to,
    subject,
    // The outbox id keeps the Message-ID the same when a message is sent again after a failure.
    messageId: `<${message.id}@${domain}>`,
    date: new Date(message.createdAt),
    headers: { 'Auto-Submitted': 'auto-generated' },
    text: paragraphs.join('\n\n'),
    html,
    newline: 'win',
  });
  return composer.compile().build();
}
