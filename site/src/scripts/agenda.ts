import { localizedPath } from '../i18n/locales.ts';
import type { AgendaEntry } from '../lib/program-view.ts';
import { calendarWith } from './agenda-calendar.ts';
import { byId, saveFile } from './dom.ts';
import { formatWeekday } from './format.ts';
import { pageText } from './page-text.ts';
import { agendaChange, saveStarred, starredIds, syncStars } from './stars.ts';
import { showTimes } from './time-zone.ts';

const root = byId('agenda');
const status = byId('agenda-status');
const sharedSection = byId('agenda-shared');
const ownList = byId('agenda-list');
const shareLink = byId<HTMLInputElement>('agenda-share-link');
const qrBox = byId('agenda-qr');
const qrButton = byId<HTMLButtonElement>('agenda-show-qr');
const { t, locale } = pageText<'agenda.' | 'session.room'>(root);
const sessions: AgendaEntry[] = JSON.parse(root.dataset.sessions ?? '[]');
const byIdMap = new Map(sessions.map((session) => [session.id, session]));

/** Known sessions among the ids, in program order, whatever order they were starred or shared in. */
const known = (ids: readonly string[]) => sessions.filter(({ id }) => ids.includes(id));

/** The ids a shared link carries in its fragment, which never reaches a server. */
function sharedIds(): string[] | undefined {
  const match = /^#sessions=([a-z0-9,-]*)$/.exec(location.hash);
  return match ? (match[1] ?? '').split(',').filter((id) => byIdMap.has(id)) : undefined;
}

/** For each session, the others in the list that overlap it in time. */
function clashes(list: readonly AgendaEntry[]): Map<string, AgendaEntry[]> {
  const found = new Map<string, AgendaEntry[]>();
  for (const a of list) {
    const others = list.filter(
      (b) => b !== a && Date.parse(b.start) < Date.parse(a.end) && Date.parse(a.start) < Date.parse(b.end),
    );
    if (others.length > 0) found.set(a.id, others);
  }
  return found;
}

/** A time of a session starting on `day` (its start's date, written in the edition's zone). */
function clock(instant: string, className: string, day: string): HTMLTimeElement {
  const time = document.createElement('time');
  time.className = className;
  time.dateTime = instant;
  time.dataset.clock = '';
  time.dataset.day = day;
  return time;
}

function sessionItem(
  session: AgendaEntry,
  clashing: AgendaEntry[] | undefined,
  withStar: boolean,
): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'agenda-item';
  item.dataset.session = session.id;

  const heading = document.createElement('h4');
  const link = document.createElement('a');
  link.href = localizedPath(locale, `/program/${session.id}/`);
  link.textContent = session.title;
  heading.append(link);

  const when = document.createElement('p');
  when.className = 'session-when';
  const range = document.createElement('span');
  range.className = 'session-time';
  const day = session.start.slice(0, 10);
  range.append(clock(session.start, 'start', day), '–', clock(session.end, 'end', day));
  when.append(range);

  const room = document.createElement('p');
  room.className = 'small';
  room.textContent = `${t('session.room')}: ${session.room}`;
  item.append(heading, when, room);

  if (clashing) {
    item.classList.add('conflict');
    const note = document.createElement('p');
    note.className = 'conflict-note';
    const separator = locale === 'zh' ? '、' : ', ';
    note.textContent = t('agenda.conflict', {
      titles: clashing.map(({ title }) => `“${title}”`).join(separator),
    });
    item.append(note);
  }
  if (withStar) {
    const star = document.createElement('button');
    star.type = 'button';
    star.className = 'star-button';
    star.dataset.star = session.id;
    star.dataset.title = session.title;
    star.setAttribute('aria-label', t('agenda.starLabel', { title: session.title }));
    const glyph = document.createElement('span');
    glyph.className = 'star-glyph';
    glyph.setAttribute('aria-hidden', 'true');
    star.append(glyph, t('agenda.star'));
    item.append(star);
  }
  return item;
}

/** The sessions by conference day, each day under its heading, clashes named on each session. */
function drawList(target: HTMLElement, list: readonly AgendaEntry[], withStars: boolean): number {
  const found = clashes(list);
  const days = new Map<string, AgendaEntry[]>();
  for (const session of list) {
    const day = session.start.slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), session]);
  }
  target.replaceChildren(
    ...[...days].map(([day, daySessions]) => {
      const section = document.createElement('section');
      const heading = document.createElement('h3');
      const date = document.createElement('time');
      date.dateTime = day;
      date.textContent = formatWeekday(locale, day);
      heading.append(date);
      const items = document.createElement('ol');
      items.className = 'agenda-items';
      items.append(...daySessions.map((session) => sessionItem(session, found.get(session.id), withStars)));
      section.append(heading, items);
      return section;
    }),
  );
  showTimes(target);
  if (withStars) syncStars();
  return found.size;
}

function drawOwn(): void {
  const list = known(starredIds());
  const conflicts = drawList(ownList, list, true);
  byId('agenda-empty').hidden = list.length > 0;
  byId('agenda-tools').hidden = list.length === 0;
  const summary =
    list.length === 0
      ? []
      : [list.length === 1 ? t('agenda.countOne') : t('agenda.count', { count: list.length })];
  if (conflicts > 0) summary.push(t('agenda.conflicts', { count: conflicts }));
  byId('agenda-summary').textContent = summary.join(' ');
  const url = new URL(location.href);
  url.hash = `sessions=${list.map(({ id }) => id).join(',')}`;
  shareLink.value = url.href;
  qrBox.hidden = true;
  qrBox.replaceChildren();
  qrButton.setAttribute('aria-expanded', 'false');
}

function drawShared(ids: readonly string[]): void {
  const list = known(ids);
  sharedSection.hidden = false;
  byId('agenda-own').hidden = true;
  byId('agenda-shared-lead').textContent = t('agenda.sharedLead', { count: list.length });
  drawList(byId('agenda-shared-list'), list, false);
  byId('agenda-shared-heading').focus();
}

/** Adds the shared sessions to the reader's own, never dropping any of the reader's stars. */
function addShared(): void {
  const ids = sharedIds() ?? [];
  const own = starredIds();
  saveStarred([...own, ...ids]);
  const added = ids.filter((id) => !own.includes(id)).length;
  history.replaceState(null, '', location.pathname);
  sharedSection.hidden = true;
  byId('agenda-own').hidden = false;
  drawOwn();
  status.textContent = t('agenda.addedShared', { count: added });
  byId('agenda-own-heading').focus();
}

async function download(): Promise<void> {
  status.textContent = t('agenda.downloading');
  try {
    const answer = await fetch(localizedPath(locale, '/schedule.ics'));
    if (!answer.ok) throw new Error(`status ${answer.status}`);
    const uids = new Set(known(starredIds()).map(({ uid }) => uid));
    const blob = new Blob([calendarWith(await answer.text(), uids)], { type: 'text/calendar;charset=utf-8' });
    saveFile(blob, 'wuzhen-agenda.ics');
    status.textContent = t('agenda.downloaded');
  } catch {
    status.textContent = t('agenda.downloadFailed');
  }
}

/** The QR code library loads only when asked for, so it weighs nothing on the page otherwise. */
async function showQr(): Promise<void> {
  if (!qrBox.hidden) {
    qrBox.hidden = true;
    qrButton.setAttribute('aria-expanded', 'false');
    return;
  }
  try {
    const { toDataURL } = await import('qrcode');
    const image = document.createElement('img');
    image.src = await toDataURL(shareLink.value, { margin: 2, width: 240 });
    image.alt = t('agenda.qr');
    qrBox.replaceChildren(image);
  } catch {
    qrBox.textContent = t('agenda.qrFailed');
  }
  qrBox.hidden = false;
  qrButton.setAttribute('aria-expanded', 'true');
}

function draw(): void {
  const shared = sharedIds();
  if (shared) drawShared(shared);
  else {
    sharedSection.hidden = true;
    byId('agenda-own').hidden = false;
    drawOwn();
  }
}

byId('agenda-add-shared').addEventListener('click', addShared);
byId('agenda-download').addEventListener('click', () => void download());
byId('agenda-copy').addEventListener('click', () => {
  // The link stays selected, so a reader whose browser refuses the clipboard can copy it by hand.
  shareLink.select();
  navigator.clipboard?.writeText(shareLink.value).then(
    () => {
      status.textContent = t('agenda.copied');
    },
    () => undefined,
  );
});
qrButton.addEventListener('click', () => void showQr());
document.addEventListener(agendaChange, () => {
  if (sharedIds()) return;
  // Unstarring here removes the very button that had the focus; the list's heading takes it over.
  const hadFocus = ownList.contains(document.activeElement);
  drawOwn();
  if (hadFocus) byId('agenda-own-heading').focus();
});
window.addEventListener('hashchange', draw);

byId('agenda-app').hidden = false;
draw();
