import { intlLocale, type Locale } from '../i18n/locales.ts';

/** Conference dates and deadlines read the same for everyone: in Wuzhen's time zone. */
export const conferenceTimeZone = 'Asia/Shanghai';

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

/**
 * "09:30" in a time zone (the edition's, or the reader's); pages print it at build time and the
 * time-zone toggle rewrites it in the browser, so both must read the same.
 */
export function formatTime(locale: Locale, instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(instant));
}

/** "2027-11-18": the calendar day an instant falls on in a zone. */
export const dayInZone = (instant: string, timeZone: string) =>
  new Date(instant).toLocaleDateString('en-CA', { timeZone });

/**
 * "09:30", or "18 Nov 00:30" (11月18日 00:30) when the instant falls on another day than `day` in
 * that zone: the end of a session past midnight, or a time on a reader's clock far from the venue.
 */
export function formatSessionClock(locale: Locale, instant: string, timeZone: string, day: string): string {
  const time = formatTime(locale, instant, timeZone);
  if (dayInZone(instant, timeZone) === day) return time;
  const date = new Intl.DateTimeFormat(intlLocale[locale], { day: 'numeric', month: 'short', timeZone });
  return `${date.format(new Date(instant))} ${time}`;
}

/** "Wednesday 17 November", 11月17日星期三: a conference day, "2027-11-17", as a heading says it. */
export function formatWeekday(locale: Locale, day: string): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}
