import { intlLocale } from '../i18n/locales.ts';
import { byId } from './dom.ts';
import { conferenceTimeZone, formatTime } from './format.ts';
import { pageText } from './page-text.ts';

const choiceKey = 'wuzhen-time-zone';
const toggle = byId('zone-toggle');
const zoneName = byId('zone-name');
const button = byId<HTMLButtonElement>('zone-button');
const { t, locale } = pageText<'program.zone.'>(toggle);
const ownZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
let showOwn = localStorage.getItem(choiceKey) === 'own';

const isoDay = (instant: Date, timeZone: string) => instant.toLocaleDateString('en-CA', { timeZone });
const shortDay = new Intl.DateTimeFormat(intlLocale[locale], {
  day: 'numeric',
  month: 'short',
  timeZone: ownZone,
});

/** A time on the reader's clock, with its date when that is not the conference day it falls on. */
function ownClock(instant: string): string {
  const date = new Date(instant);
  const time = formatTime(locale, instant, ownZone);
  return isoDay(date, ownZone) === isoDay(date, conferenceTimeZone)
    ? time
    : `${shortDay.format(date)} ${time}`;
}

/** Writes every clock time in `root` in the chosen zone; the agenda calls it for what it draws. */
export function showTimes(root: ParentNode = document): void {
  for (const time of root.querySelectorAll<HTMLTimeElement>('time[data-clock]')) {
    time.textContent = showOwn ? ownClock(time.dateTime) : formatTime(locale, time.dateTime);
  }
  zoneName.textContent = showOwn ? t('program.zone.own', { zone: ownZone }) : t('program.zone.conference');
  button.setAttribute('aria-pressed', String(showOwn));
}

button.addEventListener('click', () => {
  showOwn = !showOwn;
  localStorage.setItem(choiceKey, showOwn ? 'own' : 'conference');
  showTimes();
});
button.hidden = false;
if (showOwn) showTimes();
