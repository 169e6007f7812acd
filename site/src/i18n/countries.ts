import { countryCodes, hostCountry } from '../../../functions/domain/countries.ts';
import { intlLocale, type Locale } from './locales.ts';

/**
 * Chinese official usage names Taiwan as part of China; CLDR's plain "Taiwan"/"台湾" would read as a
 * political statement on the conference's own portal.
 */
const nameOverrides: Record<Locale, Record<string, string>> = {
  en: { TW: 'Taiwan, China' },
  zh: { TW: '中国台湾' },
};

export interface CountryOption {
  code: string;
  name: string;
}

/** The name of a country or region in the locale's language. */
export function countryNamer(locale: Locale): (code: string) => string {
  const names = new Intl.DisplayNames(intlLocale[locale], { type: 'region', fallback: 'code' });
  return (code) => nameOverrides[locale][code] ?? names.of(code) ?? code;
}

/** Every ISO 3166-1 country and region in the locale's language: the host country first, then A–Z. */
export function countryOptions(locale: Locale): CountryOption[] {
  const nameOf = countryNamer(locale);
  const collator = new Intl.Collator(intlLocale[locale]);
  const others = [...countryCodes]
    .filter((code) => code !== hostCountry)
    .map((code) => ({ code, name: nameOf(code) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return [{ code: hostCountry, name: nameOf(hostCountry) }, ...others];
}
