import type { Registration } from './registration-model.ts';

/**
 * What an erased registration keeps: only what the statistics count (edition, category, status,
 * country, language, visa letter, times, and the consent receipt: notice version, language, time
 * and consents given, which name nobody and keep the count per notice version true). Everything
 * else a registration item holds, today or in a field added later (name, e-mail, organisation, job
 * title, phone, dietary, free text, check-in code, search text), is dropped, because the rule lists
 * what stays, not what goes.
 */
export const keptAfterErasure = [
  'id',
  'edition',
  'category',
  'status',
  'country',
  'language',
  'needsVisaLetter',
  'createdAt',
  'updatedAt',
  'checkedInAt',
  'erasedAt',
  'consent',
] as const satisfies ReadonlyArray<keyof Registration>;

/** An erased registration as read: the personal fields it no longer has read empty. */
export function readErased(kept: Record<string, unknown>): Registration {
  return { ...kept, name: '', email: '', code: '' } as unknown as Registration;
}
