import { isoOffset, offsetMinutes, wallClockInstant } from '../../../content/program.ts';
import type { Edition } from '../../../content/schemas/edition.ts';
import { intlLocale, type Locale } from '../i18n/locales.ts';
import { conferenceDates } from './schedule/schedule-context.ts';

/** Intl's name of a zone in a language, "China Standard Time", 中欧时间. */
function zoneName(
  locale: Locale,
  timeZone: string,
  timeZoneName: 'long' | 'longGeneric',
  at: number,
): string {
  const parts = new Intl.DateTimeFormat(intlLocale[locale], { timeZone, timeZoneName }).formatToParts(at);
  return parts.find(({ type }) => type === 'timeZoneName')?.value ?? timeZone;
}

/**
 * What the pages say about the edition's zone: its name in the page's language (the generic one, as
 * "Central European Time" covers summer and winter; for UTC, whose generic name is an offset, the
 * long one), the IANA name, and its offsets over the conference days, "UTC+8" or "UTC+1/UTC+2".
 */
export function zoneDescription(
  locale: Locale,
  edition: Pick<Edition, 'timeZone' | 'startDate' | 'endDate'>,
): { name: string; zone: string; offset: string } {
  const { timeZone } = edition;
  // At the conference: for dates long past, Intl names zones by their offset.
  const at = Date.parse(`${edition.startDate}T12:00:00Z`);
  const generic = zoneName(locale, timeZone, 'longGeneric', at);
  const offsets = conferenceDates(edition).map((date) => {
    const noon = wallClockInstant(`${date} 12:00`, timeZone) ?? Date.parse(`${date}T12:00:00Z`);
    return `UTC${isoOffset(offsetMinutes(noon, timeZone))
      .replace(/:00$/, '')
      .replace(/^([+-])0(\d)/, '$1$2')}`;
  });
  return {
    name: generic.startsWith('GMT') ? zoneName(locale, timeZone, 'long', at) : generic,
    zone: timeZone,
    offset: [...new Set(offsets)].join('/'),
  };
}
