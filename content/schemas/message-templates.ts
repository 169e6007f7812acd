import * as z from 'zod/mini';
import '../../functions/contract/english-messages.ts';
import { type Language, languages, outboxKinds } from '../../functions/domain/registration-model.ts';

/**
 * The wording of the messages to registrants (content/messages/<language>.json), one file per
 * language as a site's translations are. A text names what the mailer fills in as `{placeholder}`;
 * each field says which placeholders it may use and which it must, so a typo (`{edtion}`), a stray
 * brace or a sentence that lost the edition's name fails the check instead of reaching an inbox.
 */

const placeholderPattern = /\{([A-Za-z]+)\}/g;

/** The placeholders a text uses, in order. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(placeholderPattern)].map(([, name = '']) => name);
}

/** The text with each `{placeholder}` replaced by its value. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(placeholderPattern, (whole, name: string) => values[name] ?? whole);
}

function templateText({ allowed = [], required = [] }: { allowed?: string[]; required?: string[] }) {
  const known = [...allowed, ...required];
  return z.string().check(
    z.trim(),
    z.minLength(1),
    z.superRefine((text, context) => {
      const used = placeholdersOf(text);
      const problems = [
        ...used
          .filter((name) => !known.includes(name))
          .map((name) =>
            known.length
              ? `{${name}} is not a placeholder here (${known.map((one) => `{${one}}`).join(', ')})`
              : `{${name}} is not a placeholder here (this text takes none)`,
          ),
        ...required.filter((name) => !used.includes(name)).map((name) => `{${name}} is missing`),
        // A brace left over once the placeholders are out: `{edition` or `edition}` or `{ edition }`.
        ...(/[{}]/.test(text.replace(placeholderPattern, '')) ? ['a brace that is not a {placeholder}'] : []),
      ];
      for (const message of problems) context.addIssue({ code: 'custom', input: text, message });
    }),
  );
}

/** What every kind of message says: its subject, what happened and what to do now. */
const kindWording = z.strictObject({
  subject: templateText({ required: ['edition'] }),
  summary: templateText({ allowed: ['category'], required: ['edition'] }),
  nextStep: templateText({ allowed: ['edition', 'category'] }),
});

/** The sentences every message shares. */
const commonWording = z.strictObject({
  greeting: templateText({ required: ['name'] }),
  codeLine: templateText({ required: ['code'] }),
  qrCodeAlt: templateText({ required: ['code'] }),
  /** Before the manage link in the first message. */
  manageLinkIntro: templateText({}),
  /** Before a new manage link in a message an organizer sent again (the old link stopped working). */
  manageLinkRenewed: templateText({}),
  /** Where the link is, in later messages, which do not carry it. */
  manageLinkReminder: templateText({}),
  /** Leads to the privacy notice's link, in every message. */
  privacyNotice: templateText({}),
  signature: templateText({}),
});

export const languageTemplatesSchema = z.strictObject({
  common: commonWording,
  kinds: z.strictObject(
    Object.fromEntries(outboxKinds.map((kind) => [kind, kindWording])) as Record<
      (typeof outboxKinds)[number],
      typeof kindWording
    >,
  ),
});

export type LanguageTemplates = z.infer<typeof languageTemplatesSchema>;

/** Every text of one language, by its path (`kinds.confirmed.summary`), to compare the languages. */
function textsByPath(templates: LanguageTemplates): Map<string, string> {
  return new Map([
    ...Object.entries(templates.common).map(([field, text]) => [`common.${field}`, text] as const),
    ...Object.entries(templates.kinds).flatMap(([kind, wording]) =>
      Object.entries(wording).map(([field, text]) => [`kinds.${kind}.${field}`, text] as const),
    ),
  ]);
}

/** The placeholders a text uses, each once, in alphabetical order: "{category}, {edition}". */
const placeholderList = (text: string) =>
  [...new Set(placeholdersOf(text))]
    .sort()
    .map((name) => `{${name}}`)
    .join(', ') || 'no placeholder';

/**
 * Both languages, each text saying the same things: a placeholder in the English text and not in the
 * Chinese one means one of the two readers is told less.
 */
export const messageTemplatesSchema = z
  .strictObject(
    Object.fromEntries(languages.map((language) => [language, languageTemplatesSchema])) as Record<
      Language,
      typeof languageTemplatesSchema
    >,
  )
  .check(
    z.superRefine((templates, context) => {
      const [first, ...others] = languages;
      const reference = textsByPath(templates[first]);
      for (const language of others) {
        for (const [path, text] of textsByPath(templates[language])) {
          const expected = placeholderList(reference.get(path) ?? '');
          const found = placeholderList(text);
          if (found === expected) continue;
          context.addIssue({
            code: 'custom',
            input: text,
            path: [language, ...path.split('.')],
            message: `uses ${found} where ${first} uses ${expected}`,
          });
        }
      }
    }),
  );

export type MessageTemplates = z.infer<typeof messageTemplatesSchema>;
