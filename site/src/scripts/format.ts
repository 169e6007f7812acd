import { intlLocale, type Locale } from '../i18n/locales.ts';

/** Conference dates and deadlines read the same for everyone: in Wuzhen's time zone. */
const conferenceTimeZone = 'Asia/Shanghai';

/** "1 June 2027", 2027年6月1日: a deadline's day in Wuzhen. */
export function formatDay(locale: Locale, instant: string): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    dateStyle: 'long',
    timeZone: conferenceTimeZone,
  }).format(new Date(instant));
}

/** A moment in Wuzhen, with its day: when someone registered or checked in. */
export function formatMoment(locale: Locale, instant: string): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: conferenceTimeZone,
  }).format(new Date(instant));
}

/** "09:41" on the reader's own clock: the door staff compare it with the time on their phone. */
export function formatClock(locale: Locale, instant: string): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}
