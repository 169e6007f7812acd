import * as z from 'zod/mini';
import { isoDate, localizedText } from './localized.ts';

/**
 * Words in a paragraph that the page replaces with figures kept elsewhere (the edition's retention,
 * the AWS region), so a figure is written once and a change of it cannot leave the prose behind.
 */
export const noticeTokens = ['personalDataRetentionDays', 'auditRetentionDays', 'awsRegion'] as const;
export type NoticeToken = (typeof noticeTokens)[number];

const tokenPattern = /\{([A-Za-z]+)\}/g;

/** The tokens a text uses that the page cannot fill. */
export function unknownTokens(text: string): string[] {
  return [...text.matchAll(tokenPattern)]
    .map(([, name = '']) => name)
    .filter((name) => !(noticeTokens as readonly string[]).includes(name));
}

const paragraph = localizedText.check((context) => {
  for (const language of ['en', 'zh'] as const) {
    for (const name of unknownTokens(context.value[language])) {
      context.issues.push({
        code: 'custom',
        input: context.value,
        path: [language],
        message: `{${name}} is not a notice token (${noticeTokens.join(', ')})`,
      });
    }
  }
});

/** The sections every version has, in the order the page shows them. */
export const noticeSectionIds = [
  'responsible',
  'purposes',
  'data',
  'retention',
  'recipients',
  'transfer',
  'consents',
  'rights',
  'contact',
  'changes',
] as const;
export type NoticeSectionId = (typeof noticeSectionIds)[number];

const section = z.strictObject({
  id: z.enum(noticeSectionIds),
  heading: localizedText,
  paragraphs: z._default(z.array(paragraph), []),
  /** A list before the paragraphs (the purposes, the data kept, the rights). */
  items: z._default(z.array(paragraph), []),
});

/** A value the organizer must fill in before real registrations are taken: shown marked as such. */
const fillIn = z._default(z.boolean(), false);

export const privacyNoticeSchema = z
  .strictObject({
    /** Changes with every published change of the text; registrations record the version they agreed to. */
    version: z
      .string()
      .check(z.regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,31}$/, 'letters, digits, dots and hyphens')),
    publishedOn: isoDate,
    /** Parts of this notice are placeholders the organizer fills in: the page says so at the top. */
    draft: z._default(z.boolean(), false),
    controller: z.strictObject({ name: localizedText, fillIn }),
    contact: z.strictObject({ email: z.email(), fillIn }),
    storage: z.strictObject({
      /** The AWS region the stack is deployed in (`infra/`: the deploying profile's region). */
      awsRegion: z.optional(
        z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region code such as eu-central-1')),
      ),
      /**
       * The portal deploys only outside mainland China (docs/deploy.md), so registering transfers
       * personal information abroad, which PIPL wants a separate consent for: the registration API
       * requires `crossBorderConsent`. A deployment in an AWS China region would change this, the
       * transfer section and that field of the contract together.
       */
      inMainlandChina: z.literal(false),
    }),
    /** How long audit entries of staff access are kept, in days; longer than registrations. */
    auditRetentionDays: z.number().check(z.int(), z.gte(1)),
    sections: z.array(section),
  })
  .check(
    z.refine(({ storage }) => !storage.awsRegion?.startsWith('cn-'), {
      path: ['storage', 'awsRegion'],
      message: 'an AWS China region holds the data inside mainland China: see inMainlandChina',
    }),
    z.refine(
      ({ sections }) =>
        sections.length === noticeSectionIds.length &&
        sections.every(({ id }, index) => id === noticeSectionIds[index]),
      {
        path: ['sections'],
        message: `the sections, each once and in this order: ${noticeSectionIds.join(', ')}`,
      },
    ),
  );

export type PrivacyNotice = z.infer<typeof privacyNoticeSchema>;
