export const locales = ['en', 'zh'] as const;
export type Locale = (typeof locales)[number];

/** The `lang` attribute of each locale: the portal writes Simplified Chinese. */
export const htmlLang: Record<Locale, string> = { en: 'en', zh: 'zh-Hans' };

/** The name of each language in that language, for the language switch. */
export const languageName: Record<Locale, string> = { en: 'English', zh: '简体中文' };

/** The BCP 47 tag Intl formats each locale with: British English writes "1 June 2027". */
export const intlLocale: Record<Locale, string> = { en: 'en-GB', zh: 'zh-CN' };

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
  if (locale === 'zh') {
    // ICU renders zh-CN ranges as "2027/11/17 – 2027/11/19"; Chinese readers expect 2027年11月17日至19日.
    const [startYear, startMonth, startDay] = start.split('-').map(Number);
    const [endYear, endMonth, endDay] = end.split('-').map(Number);
    const from = `${startYear}年${startMonth}月${startDay}日`;
    if (startYear !== endYear) return `${from}至${endYear}年${endMonth}月${endDay}日`;
    if (startMonth !== endMonth) return `${from}至${endMonth}月${endDay}日`;
    return start === end ? from : `${from}至${endDay}日`;
  }
  const format = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return format.formatRange(new Date(`${start}T00:00:00Z`), new Date(`${end}T00:00:00Z`));
}
