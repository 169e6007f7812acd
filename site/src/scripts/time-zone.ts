import { byId } from './dom.ts';
import { dayInZone, formatSessionClock } from './format.ts';
import { pageText } from './page-text.ts';

const choiceKey = 'wuzhen-time-zone';
const toggle = byId('zone-toggle');
const zoneName = byId('zone-name');
const button = byId<HTMLButtonElement>('zone-button');
const { t, locale } = pageText<'program.zone.'>(toggle);
/** The edition's zone, which the page is printed in; its sentence is the one printed. */
const conferenceZone = toggle.dataset.timeZone ?? 'Asia/Shanghai';
const conferenceZoneText = zoneName.textContent;
const ownZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
let showOwn = localStorage.getItem(choiceKey) === 'own';

/**
 * A time on the chosen clock, with its date when that is not the conference day the time belongs
 * to (`data-day`: a session's day, so a session past midnight shows its end on the next day).
 */
function clockText(time: HTMLTimeElement): string {
  const zone = showOwn ? ownZone : conferenceZone;
  const day = time.dataset.day ?? dayInZone(time.dateTime, conferenceZone);
  return formatSessionClock(locale, time.dateTime, zone, day);
}

/** Writes every clock time in `root` in the chosen zone; the agenda calls it for what it draws. */
export function showTimes(root: ParentNode = document): void {
  for (const time of root.querySelectorAll<HTMLTimeElement>('time[data-clock]'))
    time.textContent = clockText(time);
  zoneName.textContent = showOwn ? t('program.zone.own', { zone: ownZone }) : conferenceZoneText;
  button.setAttribute('aria-pressed', String(showOwn));
}

button.addEventListener('click', () => {
  showOwn = !showOwn;
  localStorage.setItem(choiceKey, showOwn ? 'own' : 'conference');
  showTimes();
});
button.hidden = false;
if (showOwn) showTimes();
