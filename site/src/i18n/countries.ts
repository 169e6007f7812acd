import { countryCodes, hostCountry, countryNamer as namer } from '../../../functions/domain/countries.ts';
import { intlLocale, type Locale } from './locales.ts';

export interface CountryOption {
  code: string;
  name: string;
}

/** The name of a country or region in the locale's language. */
export function countryNamer(locale: Locale): (code: string) => string {
  return namer(locale, intlLocale[locale]);
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
