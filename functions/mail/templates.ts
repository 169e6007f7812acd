import english from '../../content/messages/en.json' with { type: 'json' };
import chinese from '../../content/messages/zh.json' with { type: 'json' };
import {
  fillPlaceholders,
  type LanguageTemplates,
  type MessageTemplates,
  messageTemplatesSchema,
} from '../../content/schemas/message-templates.ts';
import type { Language, OutboxKind } from '../domain/registration-model.ts';

/**
 * The messages' wording is content (content/messages/<language>.json), imported here so that
 * esbuild puts it inside every bundle that sends or shows a message (the mailer, the organizer
 * function's preview): no file to copy beside a bundle, nothing read at run time. It is checked
 * against its schema, placeholders included, when this module loads; the unit tests load it first.
 */
export const messageTemplates: MessageTemplates = messageTemplatesSchema.parse({ en: english, zh: chinese });

/** What a message is about, already in the registrant's language. */
export interface MailFacts {
  edition: string;
  category: string;
}

/** The sentences that differ from one kind of message to the next. */
export type KindWording = LanguageTemplates['kinds'][OutboxKind];

/** The sentences every message shares, with the registrant's name and code filled in. */
export type CommonWording = LanguageTemplates['common'] & { htmlLanguage: string };

/** The `lang` of each language's HTML part. */
const htmlLanguages: Record<Language, string> = { en: 'en', zh: 'zh-Hans' };

export function kindWording(kind: OutboxKind, language: Language, facts: MailFacts): KindWording {
  const { subject, summary, nextStep } = messageTemplates[language].kinds[kind];
  const fill = (text: string) => fillPlaceholders(text, { ...facts });
  return { subject: fill(subject), summary: fill(summary), nextStep: fill(nextStep) };
}

export function commonWording(language: Language, person: { name: string; code: string }): CommonWording {
  const common = messageTemplates[language].common;
  const filled = Object.fromEntries(
    Object.entries(common).map(([field, text]) => [field, fillPlaceholders(text, person)]),
  ) as LanguageTemplates['common'];
  return { ...filled, htmlLanguage: htmlLanguages[language] };
}
