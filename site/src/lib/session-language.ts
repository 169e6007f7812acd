import { isPortalLanguage } from '../../../content/schemas/program.ts';
import { intlLocale, type Locale } from '../i18n/locales.ts';
import { translator } from '../i18n/ui.ts';

/**
 * A session's language named in the page's language: the portal's own words for English and
 * Chinese, Intl's for any other tag an imported schedule carries ("German", "德文"). "und", which
 * the importer writes when an export gives none, Intl calls "root": the page says it is not stated.
 */
export function languageLabel(locale: Locale, tag: string): string {
  if (isPortalLanguage(tag)) return translator(locale)(`session.language.${tag}`);
  if (tag === 'und') return translator(locale)('session.language.und');
  return new Intl.DisplayNames([intlLocale[locale]], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
}
