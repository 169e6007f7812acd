import { describe, expect, it } from 'vitest';
import english from '../../content/messages/en.json' with { type: 'json' };
import chinese from '../../content/messages/zh.json' with { type: 'json' };
import { messageTemplatesSchema, placeholdersOf } from '../../content/schemas/message-templates.ts';
import { outboxKinds } from '../../functions/domain/registration-model.ts';
import { commonWording, kindWording, messageTemplates } from '../../functions/mail/templates.ts';

/** The two files with one text changed, as an editor might leave them. */
function edited(language: 'en' | 'zh', path: string[], text: string | undefined) {
  const templates = structuredClone({ en: english, zh: chinese }) as Record<string, unknown>;
  let parent = templates[language] as Record<string, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = path.at(-1) as string;
  if (text === undefined) delete parent[last];
  else parent[last] = text;
  return templates;
}

function problems(templates: unknown): string[] {
  const result = messageTemplatesSchema.safeParse(templates);
  return result.success
    ? []
    : result.error.issues.map(({ path, message }) => `${path.join('.')}: ${message}`);
}

describe('message templates (content/messages)', () => {
  it('load in both languages, every kind of message with a subject, a summary and a next step', () => {
    expect(problems({ en: english, zh: chinese })).toEqual([]);
    for (const language of ['en', 'zh'] as const) {
      expect(Object.keys(messageTemplates[language].kinds).sort()).toEqual([...outboxKinds].sort());
    }
  });

  it('fill in the edition, the category, the name and the code, and leave no placeholder behind', () => {
    const facts = { edition: 'Wuzhen Summit 2027', category: 'Media' };
    for (const language of ['en', 'zh'] as const) {
      for (const kind of outboxKinds) {
        const wording = kindWording(kind, language, facts);
        expect(wording.subject).toContain(facts.edition);
        expect(wording.summary).toContain(facts.edition);
        for (const text of Object.values(wording)) expect(text).not.toMatch(/[{}]/);
      }
      const common = commonWording(language, { name: 'Ada {code}', code: 'ABCD-EFGH-J' });
      // A name is put in as it is, never read as a placeholder itself.
      expect(common.greeting).toContain('Ada {code}');
      expect(common.codeLine).toContain('ABCD-EFGH-J');
      expect(common.qrCodeAlt).toContain('ABCD-EFGH-J');
    }
  });

  it('refuse a placeholder the text cannot take, naming the field', () => {
    expect(
      problems(edited('en', ['kinds', 'confirmed', 'summary'], 'Your {catgory} seat for {edition}.')),
    ).toEqual(
      expect.arrayContaining([
        'en.kinds.confirmed.summary: {catgory} is not a placeholder here ({category}, {edition})',
      ]),
    );
    expect(problems(edited('zh', ['common', 'signature'], '大会 {edition}'))).toEqual(
      expect.arrayContaining([
        'zh.common.signature: {edition} is not a placeholder here (this text takes none)',
      ]),
    );
  });

  it('refuse a text that lost a placeholder it must have', () => {
    expect(problems(edited('en', ['common', 'greeting'], 'Dear attendee,'))).toEqual(
      expect.arrayContaining(['en.common.greeting: {name} is missing']),
    );
    expect(problems(edited('zh', ['kinds', 'rejected', 'subject'], '报名未通过审核'))).toEqual(
      expect.arrayContaining(['zh.kinds.rejected.subject: {edition} is missing']),
    );
  });

  it('refuse a brace that is not a placeholder', () => {
    expect(
      problems(edited('en', ['kinds', 'waitlisted', 'subject'], 'On the waiting list: {edition')),
    ).toEqual(expect.arrayContaining(['en.kinds.waitlisted.subject: a brace that is not a {placeholder}']));
  });

  it('refuse a language whose text says less than the other', () => {
    const withoutCategory = '您报名参加{edition}已确认，我们已为您保留名额。';
    expect(placeholdersOf(withoutCategory)).toEqual(['edition']);
    expect(problems(edited('zh', ['kinds', 'confirmed', 'summary'], withoutCategory))).toEqual([
      'zh.kinds.confirmed.summary: uses {edition} where en uses {category}, {edition}',
    ]);
  });

  it('refuse a missing kind or an unknown field', () => {
    expect(problems(edited('en', ['kinds', 'promoted'], undefined))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^en\.kinds\.promoted: /)]),
    );
    expect(problems(edited('zh', ['common', 'footer'], '页脚'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^zh\.common: .*footer/)]),
    );
  });
});
