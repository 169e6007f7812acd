import { isRole } from '../../../functions/domain/staff-roles.ts';
import { intlLocale } from '../i18n/locales.ts';
import { type AnswerBody, callApi } from './api.ts';
import { byId } from './dom.ts';
import { conferenceTimeZone } from './format.ts';
import { pageText } from './page-text.ts';
import { setUpSignIn } from './staff-session.ts';

type Entry = AnswerBody<'GET /api/admin/audit', 200>['items'][number];

const root = byId('audit');
const text = pageText<'audit.' | 'session.' | 'api.'>(root);
const { t, locale } = text;
const workspace = byId('audit-workspace');
const status = byId('audit-status');
const filters = byId<HTMLFormElement>('audit-filters');
const list = byId('audit-entries');
const caption = byId('audit-caption');
const firstPage = byId<HTMLButtonElement>('audit-first-page');
const nextPage = byId<HTMLButtonElement>('audit-next-page');

let token: string | undefined;
/** Where the list is: the page number shown, and the cursor of the next one. */
const position = { page: 1, next: null as string | null };

/** Seconds matter in an audit trail: the time to the second, in the conference's time zone. */
const moment = new Intl.DateTimeFormat(intlLocale[locale], {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: conferenceTimeZone,
});

/**
 * A filter's wall-clock time (datetime-local, no zone) read as Beijing time, as the entries show
 * it: China keeps UTC+8 all year, so the offset is fixed.
 */
const beijingTime = (value: string) => `${value.length === 16 ? `${value}:00` : value}+08:00`;

function query(cursor: string | null): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of new FormData(filters)) {
    if (typeof value !== 'string' || !value.trim()) continue;
    params[name] = name === 'from' || name === 'to' ? beijingTime(value.trim()) : value.trim();
  }
  if (cursor) params.cursor = cursor;
  return params;
}

function fact(term: string, ...content: Array<string | Node>): HTMLElement[] {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.append(...content);
  return [dt, dd];
}

const code = (value: string) => {
  const element = document.createElement('code');
  element.textContent = value;
  return element;
};

function entryItem(entry: Entry): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'audit-entry';
  item.dataset.outcome = entry.outcome;
  const heading = document.createElement('h3');
  const time = document.createElement('time');
  time.className = 'audit-time';
  time.dateTime = entry.at;
  time.textContent = moment.format(new Date(entry.at));
  heading.append(`${t(`audit.action.${entry.action}`)} · ${t(`audit.outcome.${entry.outcome}`)}`, time);
  const facts = document.createElement('dl');
  const groups = entry.groups.map((group) => (isRole(group) ? t(`session.role.${group}`) : group));
  facts.append(...fact(t('audit.who'), code(entry.actor), ` (${groups.join(', ')})`));
  const idList = (ids: readonly string[]) =>
    ids.flatMap((id, index) => (index ? [' ', code(id)] : [code(id)]));
  if (entry.registrationIds.length)
    facts.append(...fact(t('audit.registrations'), ...idList(entry.registrationIds)));
  if (entry.requestIds?.length) facts.append(...fact(t('audit.requests'), ...idList(entry.requestIds)));
  if (entry.target) facts.append(...fact(t('audit.target'), code(entry.target)));
  if (entry.filter) {
    const described = Object.entries(entry.filter)
      .map(([name, value]) => `${name}=${value}`)
      .join(', ');
    facts.append(...fact(t('audit.filter'), described));
  }
  facts.append(
    ...fact(t('audit.request'), code(entry.requestId)),
    ...fact(t('audit.address'), code(entry.clientHash.slice(0, 16))),
  );
  item.append(heading, facts);
  return item;
}

async function loadPage(cursor: string | null, page: number): Promise<void> {
  if (!token) return;
  status.textContent = t('audit.loading');
  const answer = await callApi('GET /api/admin/audit', { query: query(cursor), token });
  if (answer.status === 401) return session.signOut(t('session.rejected'));
  if (answer.status === 403) {
    workspace.hidden = true;
    status.textContent = t('audit.organizerOnly');
    return;
  }
  if (!answer.ok) {
    const fields = answer.problem.errors?.map(({ path }) => path).join(', ');
    status.textContent =
      answer.status === 400 && fields
        ? t('audit.invalid', { detail: fields })
        : t(answer.status === 0 ? 'api.offline' : 'api.failed');
    return;
  }
  status.textContent = '';
  workspace.hidden = false;
  Object.assign(position, { page, next: answer.data.nextCursor });
  caption.textContent = t('audit.caption', { page });
  list.replaceChildren(...answer.data.items.map(entryItem));
  if (!answer.data.items.length) {
    const empty = document.createElement('li');
    empty.textContent = t('audit.none');
    list.append(empty);
  }
  firstPage.disabled = page === 1;
  nextPage.disabled = !answer.data.nextCursor;
}

const session = setUpSignIn({
  text,
  onSignIn(signedIn) {
    token = signedIn;
    void loadPage(null, 1);
  },
  onSignOut() {
    token = undefined;
    workspace.hidden = true;
    list.replaceChildren();
    status.textContent = '';
  },
});

filters.addEventListener('submit', (event) => {
  event.preventDefault();
  void loadPage(null, 1).then(() => caption.focus());
});
firstPage.addEventListener('click', () => void loadPage(null, 1).then(() => caption.focus()));
nextPage.addEventListener(
  'click',
  () => void loadPage(position.next, position.page + 1).then(() => caption.focus()),
);
