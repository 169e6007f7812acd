import type { Language, OutboxKind } from '../domain/registration-model.ts';

/** What a message is about, already in the registrant's language. */
export interface MailFacts {
  edition: string;
  category: string;
}

/** The sentences that differ from one kind of message to the next. */
export interface KindWording {
  subject: string;
  /** What happened. */
  summary: string;
  /** What the person should do now. */
  nextStep: string;
}

/** The sentences every message shares. */
export interface CommonWording {
  /** The `lang` of the HTML part. */
  htmlLanguage: string;
  greeting(name: string): string;
  codeLine(code: string): string;
  qrCodeAlt(code: string): string;
  manageLinkIntro: string;
  manageLinkReminder: string;
  /** Leads to the privacy notice's link, in every message. */
  privacyNotice: string;
  signature: string;
}

type Wording = (facts: MailFacts) => KindWording;

const showTicket = {
  en: 'At the venue, show the QR code in this e-mail at check-in, on your phone or printed.',
  zh: '签到时请出示本邮件中的二维码，手机展示或打印均可。',
};

const kindWordings: Record<OutboxKind, Record<Language, Wording>> = {
  confirmed: {
    en: ({ edition, category }) => ({
      subject: `Registration confirmed: ${edition}`,
      summary: `Your ${category} registration for ${edition} is confirmed: a place is reserved for you.`,
      nextStep: `${showTicket.en} If you cannot come after all, please cancel, so that someone on the waiting list gets your place.`,
    }),
    zh: ({ edition, category }) => ({
      subject: `报名成功：${edition}`,
      summary: `您以${category}身份报名参加${edition}已确认，我们已为您保留名额。`,
      nextStep: `${showTicket.zh}如您最终无法出席，请取消报名，把名额让给候补的参会者。`,
    }),
  },
  waitlisted: {
    en: ({ edition, category }) => ({
      subject: `On the waiting list: ${edition}`,
      summary: `All ${category} places for ${edition} are taken, so we have put you on the waiting list.`,
      nextStep:
        'If a place becomes free, we will e-mail you your ticket with its QR code. Until then there is nothing you need to do.',
    }),
    zh: ({ edition, category }) => ({
      subject: `已进入候补名单：${edition}`,
      summary: `${edition}的${category}名额已满，您已进入候补名单。`,
      nextStep: '一旦有名额空出，我们会发邮件通知您，并附上签到二维码。在此之前，您无需做任何事。',
    }),
  },
  pending_approval: {
    en: ({ edition, category }) => ({
      subject: `Registration received, awaiting approval: ${edition}`,
      summary: `Your ${category} registration for ${edition} needs the organizers' approval.`,
      nextStep:
        'We will e-mail you once they have decided. If they approve it, that e-mail carries your ticket with its QR code.',
    }),
    zh: ({ edition, category }) => ({
      subject: `报名已收到，等待审核：${edition}`,
      summary: `您以${category}身份报名参加${edition}，需经主办方审核。`,
      nextStep: '审核结果出来后，我们会发邮件通知您；如审核通过，该邮件将附上签到二维码。',
    }),
  },
  promoted: {
    en: ({ edition, category }) => ({
      subject: `A place has opened up: ${edition}`,
      summary: `A place has become free, and your ${category} registration for ${edition} has moved from the waiting list to confirmed.`,
      nextStep: `${showTicket.en} If you can no longer come, please cancel, so that the next person on the waiting list gets the place.`,
    }),
    zh: ({ edition, category }) => ({
      subject: `候补成功，报名已确认：${edition}`,
      summary: `有名额空出，您以${category}身份报名参加${edition}已由候补转为确认。`,
      nextStep: `${showTicket.zh}如您无法出席，请取消报名，把名额让给下一位候补者。`,
    }),
  },
  approved: {
    en: ({ edition, category }) => ({
      subject: `Registration approved: ${edition}`,
      summary: `The organizers have approved your ${category} registration for ${edition}: a place is reserved for you.`,
      nextStep: `${showTicket.en} If you cannot come after all, please cancel, so that the place goes to someone else.`,
    }),
    zh: ({ edition, category }) => ({
      subject: `报名审核通过：${edition}`,
      summary: `主办方已审核通过您以${category}身份参加${edition}的报名，我们已为您保留名额。`,
      nextStep: `${showTicket.zh}如您最终无法出席，请取消报名，把名额让给其他人。`,
    }),
  },
  rejected: {
    en: ({ edition, category }) => ({
      subject: `Registration not approved: ${edition}`,
      summary: `We are sorry: the organizers have not approved your ${category} registration for ${edition}.`,
      nextStep:
        'There is nothing more you need to do. If you think this is a mistake, please contact the organizers through the conference website.',
    }),
    zh: ({ edition, category }) => ({
      subject: `报名未通过审核：${edition}`,
      summary: `很抱歉，主办方未能通过您以${category}身份参加${edition}的报名。`,
      nextStep: '您无需再做任何事。如您认为结果有误，请通过大会网站联系主办方。',
    }),
  },
  already_registered: {
    en: ({ edition }) => ({
      subject: `Someone tried to register this address again: ${edition}`,
      summary: `Someone, perhaps you, just tried to register this e-mail address for ${edition} again. It already has a registration, so nothing was changed: your registration stands as it was.`,
      nextStep:
        'If it was you, there is nothing more to do. If it was not, you need do nothing either: nobody can see or change your registration without your personal link.',
    }),
    zh: ({ edition }) => ({
      subject: `有人尝试用此邮箱再次报名：${edition}`,
      summary: `刚才有人（也许是您本人）尝试用此邮箱地址再次报名参加${edition}。该地址已有报名，因此没有任何改动，您的报名保持不变。`,
      nextStep:
        '如果是您本人，您无需再做任何事。如果不是，您同样无需处理：没有您的专属链接，任何人都无法查看或修改您的报名。',
    }),
  },
  cancelled: {
    en: ({ edition, category }) => ({
      subject: `Registration cancelled: ${edition}`,
      summary: `Your ${category} registration for ${edition} has been cancelled, and its check-in code no longer admits you.`,
      nextStep:
        'If you did not ask for this, or want to come after all, register again on the conference website while registration is open.',
    }),
    zh: ({ edition, category }) => ({
      subject: `报名已取消：${edition}`,
      summary: `您以${category}身份报名参加${edition}已取消，原签到码随之失效。`,
      nextStep: '如果这并非您本人的操作，或您仍希望参会，请在报名开放期间通过大会网站重新报名。',
    }),
  },
};

export const commonWordings: Record<Language, CommonWording> = {
  en: {
    htmlLanguage: 'en',
    greeting: (name) => `Dear ${name},`,
    codeLine: (code) => `Your check-in code: ${code}`,
    qrCodeAlt: (code) => `QR code for check-in code ${code}`,
    manageLinkIntro:
      'View, change or cancel your registration with this personal link. Keep it to yourself: anyone who has it can change your registration.',
    manageLinkReminder:
      'To view, change or cancel your registration, use the personal link in the first e-mail we sent you about it.',
    privacyNotice:
      'How we keep and use your details, for how long, and your rights (a copy of your data, erasure): our privacy notice.',
    signature: 'World Internet Conference · Wuzhen',
  },
  zh: {
    htmlLanguage: 'zh-Hans',
    greeting: (name) => `尊敬的${name}：`,
    codeLine: (code) => `您的签到码：${code}`,
    qrCodeAlt: (code) => `签到码 ${code} 的二维码`,
    manageLinkIntro:
      '您可以通过以下专属链接查看、修改或取消报名。请妥善保管，切勿转发：任何持有此链接的人都可以修改您的报名。',
    manageLinkReminder: '如需查看、修改或取消报名，请使用我们发给您的第一封报名邮件中的专属链接。',
    privacyNotice: '我们如何保存和使用您的信息、保存多久，以及您的权利（获取副本、删除）：请阅读隐私告知。',
    signature: '世界互联网大会 · 乌镇',
  },
};

export function kindWording(kind: OutboxKind, language: Language, facts: MailFacts): KindWording {
  return kindWordings[kind][language](facts);
}
