import { type Locale, locales } from './locales.ts';

/**
 * The portal's language a reader's browser asks for first (`navigator.languages`, the order of
 * Accept-Language): "zh-CN", "zh-TW" and "zh" read Chinese, "en-US" English; a browser that asks for
 * neither (French, Korean) gets English, the conference's common language.
 */
export function preferredLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0];
    const locale = locales.find((candidate) => candidate === primary);
    if (locale) return locale;
  }
  return 'en';
}
