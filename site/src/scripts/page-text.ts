import { isLocale, type Locale } from '../i18n/locales.ts';
import type { KeyWithPrefix } from '../i18n/ui.ts';

export type Values = Record<string, string | number>;

export interface PageText<Key extends string> {
  locale: Locale;
  /** The string in the page's language, each `{name}` in it replaced by its value. */
  t(key: Key, values?: Values): string;
}

/** The locale and strings a page put on its root element with `data-locale` and `data-messages`. */
export function pageText<Prefix extends string>(root: HTMLElement): PageText<KeyWithPrefix<Prefix>> {
  const locale = root.dataset.locale;
  const messages: Record<string, string> = JSON.parse(root.dataset.messages ?? '{}');
  return {
    locale: isLocale(locale) ? locale : 'en',
    t: (key, values = {}) => fill(messages[key] ?? key, values),
  };
}

/** A string with each `{name}` in it replaced by its value; pages use it at build time too. */
export const fill = (text: string, values: Values) =>
  text.replace(/\{(\w+)\}/g, (placeholder, name: string) => String(values[name] ?? placeholder));
