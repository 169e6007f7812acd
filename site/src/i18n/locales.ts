export const locales = ['en', 'zh'] as const;
export type Locale = (typeof locales)[number];

/** The `lang` attribute of each locale: the portal writes Simplified Chinese. */
export const htmlLang: Record<Locale, string> = { en: 'en', zh: 'zh-Hans' };

/** The name of each language in that language, for the language switch. */
export const languageName: Record<Locale, string> = { en: 'English', zh: '简体中文' };

export function isLocale(value: string | undefined): value is Locale {
  return (locales as readonly string[]).includes(value ?? '');
}

/** The URL of a page in a locale, from its path in English: "/guide/" → "/zh/guide/". */
export function localizedPath(locale: Locale, path: string): string {
  return locale === 'en' ? path : `/${locale}${path}`;
}

/** The locale-free path of a URL path: "/zh/guide/" → "/guide/". */
export function pathWithoutLocale(pathname: string): string {
  const match = /^\/(zh)(\/.*)?$/.exec(pathname);
  return match ? (match[2] ?? '/') : pathname;
}

export function formatDateRange(locale: Locale, start: string, end: string): string {
  const format = new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Asia/Shanghai',
  });
  // Noon in Shanghai keeps the calendar date whatever zone the build machine is in.
  return format.formatRange(new Date(`${start}T12:00:00+08:00`), new Date(`${end}T12:00:00+08:00`));
}
