import { type Answer, type AnswerBody, callApi } from './api.ts';
import { byId } from './dom.ts';
import { formatMoment } from './format.ts';
import { pageText } from './page-text.ts';
import { catalogueOf, photoItem, renderAnswers, showPlace } from './request-details.ts';
import { renderTimeline } from './request-timeline.ts';
import { setUpSignIn } from './staff-session.ts';
import { setUpTownMap } from './town-map.ts';

type Queue = AnswerBody<'GET /api/admin/affairs/queue', 200>;
type QueueItem = Queue['items'][number];
type Report = AnswerBody<'GET /api/admin/affairs/requests/{id}', 200>;
type ChangeKey =
  | 'POST /api/admin/affairs/requests/{id}/state'
  | 'POST /api/admin/affairs/requests/{id}/notes'
  | 'POST /api/admin/affairs/requests/{id}/assign'
  | 'POST /api/admin/affairs/requests/{id}/merge'
  | 'POST /api/admin/affairs/requests/{id}/location';

const root = byId('affairs');
const text = pageText<'affairs.' | 'request.' | 'map.' | 'session.' | 'api.'>(root);
const { t, locale } = text;
const catalogue = catalogueOf(root);
const status = byId('affairs-status');
const workspace = byId('affairs-workspace');
const queueSection = byId('affairs-queue');
const requestSection = byId('affairs-request');
const items = byId<HTMLOListElement>('affairs-items');
const moreButton = byId<HTMLButtonElement>('affairs-more');
const outcome = byId('affairs-request-outcome');
const map = setUpTownMap(byId('affairs-map'), text);

let token: string | undefined;
let nextCursor: string | undefined;
/** The report open on screen; every change is sent with the state it was seen in. */
let open: Report | undefined;

function refused(statusCode: number): boolean {
  if (statusCode === 401) {
    session.signOut(t('session.rejected'));
    return true;
  }
  if (statusCode === 403) {
    workspace.hidden = true;
    status.textContent = t('affairs.forbidden');
    return true;
  }
  return false;
}

/** "42 min" waiting, or hours and minutes past an hour. */
const waiting = (minutes: number) =>
  minutes < 60
    ? t('affairs.minutes', { count: minutes })
    : t('affairs.hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });

function queueRow(item: QueueItem): HTMLLIElement {
  const row = document.createElement('li');
  row.className = 'queue-item';
  if (item.overdue) row.dataset.overdue = '';
  const title = document.createElement('h3');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link-button';
  button.textContent = item.serviceName[locale];
  button.addEventListener('click', () => void openReport(item.id));
  title.append(button);
  const facts = document.createElement('p');
  facts.className = 'small';
  const flag = item.overdue ? t('affairs.overdue') : item.firstResponseAt ? t('affairs.answered') : '';
  facts.textContent = [
    t('affairs.reference', { id: item.id }),
    t('affairs.waiting', { time: waiting(item.waitingMinutes) }),
    t(`request.state.${item.state}`),
    catalogue.departments[item.department] ?? item.department,
    // The label is the resident's words, or a landmark's id (named here), or the point.
    t('affairs.placeIs', { place: catalogue.venues[item.placeLabel]?.name ?? item.placeLabel }),
    t('affairs.photoCount', { count: item.photoCount }),
  ].join(' · ');
  row.append(title);
  if (flag) {
    const badge = document.createElement('p');
    badge.className = item.overdue ? 'badge overdue' : 'badge';
    badge.textContent = flag;
    row.append(badge);
  }
  row.append(facts);
  return row;
}

async function loadQueue(cursor?: string): Promise<void> {
  if (!token) return;
  status.textContent = t('affairs.loading');
  const answer = await callApi('GET /api/admin/affairs/queue', { token, query: { cursor } });
  if (!answer.ok) {
    if (!refused(answer.status)) status.textContent = t(answer.status === 0 ? 'api.offline' : 'api.failed');
    return;
  }
  status.textContent = '';
  workspace.hidden = false;
  const queue = answer.data;
  byId('affairs-target').textContent = t('affairs.target', { minutes: queue.targetMinutes });
  const rows = queue.items.map(queueRow);
  if (cursor) items.append(...rows);
  else items.replaceChildren(...rows);
  byId('affairs-empty').hidden = items.childElementCount > 0;
  nextCursor = queue.nextCursor ?? undefined;
  moreButton.hidden = !nextCursor;
}

function showQueue(): void {
  open = undefined;
  requestSection.hidden = true;
  queueSection.hidden = false;
  void loadQueue();
}

function contactRow(label: string, value: string | undefined): HTMLElement[] {
  if (!value) return [];
  const row = document.createElement('div');
  const term = document.createElement('dt');
  term.textContent = label;
  const detail = document.createElement('dd');
  detail.textContent = value;
  row.append(term, detail);
  return [row];
}

function showReport(report: Report): void {
  open = report;
  byId('affairs-stale').hidden = true;
  byId('affairs-request-title').textContent = report.serviceName[locale];
  byId('affairs-request-meta').textContent = `${t('affairs.reference', { id: report.id })} · ${t(
    'affairs.reported',
    {
      time: formatMoment(locale, report.submittedAt),
    },
  )}`;
  byId('affairs-request-state').textContent = t('affairs.state', {
    state: t(`request.state.${report.state}`),
    department: report.department.name[locale],
  });
  byId('affairs-description').textContent = report.description;
  renderAnswers(byId('affairs-answers'), catalogue, report.serviceCode, report.attributes);
  const contact = byId('affairs-contact');
  const rows = [
    ...contactRow(t('affairs.name'), report.contact?.name),
    ...contactRow(t('affairs.email'), report.contact?.email),
    ...contactRow(t('affairs.phone'), report.contact?.phone),
  ];
  contact.replaceChildren(...rows);
  if (rows.length === 0) contact.textContent = t('affairs.noContact');
  const landmark = showPlace(map, catalogue, report.location);
  const words = [landmark && t('affairs.landmarkPlace', { landmark }), report.addressString]
    .filter(Boolean)
    .join(' · ');
  const placeWords = byId('affairs-place-words');
  placeWords.hidden = !words;
  placeWords.textContent = words;
  byId('affairs-photos').replaceChildren(
    ...report.photos.map(({ url }, index) =>
      photoItem(url, t('affairs.photoAlt', { number: index + 1, id: report.id })),
    ),
  );
  renderTimeline(
    byId<HTMLOListElement>('affairs-timeline'),
    report.timeline,
    text,
    catalogue.departments,
    (staff) => t('affairs.by', { staff }),
  );
  const moves = byId('affairs-moves');
  moves.replaceChildren(
    ...report.allowedStates.map((state) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button primary';
      button.textContent = t('affairs.moveTo', { state: t(`request.state.${state}`) });
      button.addEventListener(
        'click',
        () =>
          void change('POST /api/admin/affairs/requests/{id}/state', { state, expectedState: report.state }),
      );
      return button;
    }),
  );
  const closed = report.state === 'closed';
  byId('affairs-closed').hidden = !closed;
  for (const id of ['affairs-note-form', 'affairs-assign-form', 'affairs-merge-form'])
    byId(id).hidden = closed;
  byId<HTMLSelectElement>('affairs-department').value = report.department.id;
  byId('affairs-street').hidden =
    closed || !('precision' in report.location) || report.location.precision !== 'exact';
}

async function openReport(id: string): Promise<void> {
  if (!token) return;
  status.textContent = t('affairs.loading');
  const answer = await callApi('GET /api/admin/affairs/requests/{id}', { token, path: { id } });
  if (!answer.ok) {
    if (refused(answer.status)) return;
    status.textContent = t(
      answer.status === 404 ? 'affairs.notFound' : answer.status === 0 ? 'api.offline' : 'api.failed',
    );
    return;
  }
  status.textContent = '';
  outcome.textContent = '';
  showReport(answer.data);
  queueSection.hidden = true;
  requestSection.hidden = false;
  byId('affairs-request-title').focus();
}

/** The outcome of a change: the report as it now is, or why nothing changed. */
function changed(answer: Answer<ChangeKey>, done: string): void {
  if (answer.ok) {
    showReport(answer.data as Report);
    outcome.textContent = done;
    return;
  }
  if (refused(answer.status)) return;
  if (answer.status === 409) {
    byId('affairs-stale').hidden = false;
    outcome.textContent = '';
    byId('affairs-reload').focus();
    return;
  }
  if (answer.status === 404) outcome.textContent = t('affairs.notFound');
  else if (answer.status === 400) {
    outcome.textContent = t('affairs.invalid', {
      detail: answer.problem.errors?.[0]?.message ?? answer.problem.detail ?? '',
    });
  } else outcome.textContent = t(answer.status === 0 ? 'api.offline' : 'api.failed');
}

async function change<K extends ChangeKey>(
  key: K,
  json: Record<string, unknown>,
  done = t('affairs.done'),
): Promise<boolean> {
  if (!token || !open) return false;
  outcome.textContent = t('affairs.loading');
  // Each route's body is checked by the API against its declaration; the forms give its fields.
  const answer = (await callApi(
    key as ChangeKey,
    { token, path: { id: open.id }, json } as never,
  )) as Answer<ChangeKey>;
  changed(answer, done);
  return answer.ok;
}

byId<HTMLFormElement>('affairs-note-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  const data = new FormData(form);
  const noteText = String(data.get('text') ?? '').trim();
  if (!noteText || !open) return;
  const sent = await change('POST /api/admin/affairs/requests/{id}/notes', {
    visibility: data.get('visibility'),
    text: noteText,
    expectedState: open.state,
  });
  if (sent) form.reset();
});
byId<HTMLFormElement>('affairs-assign-form').addEventListener('submit', (event) => {
  event.preventDefault();
  if (!open) return;
  const department = byId<HTMLSelectElement>('affairs-department').value;
  void change('POST /api/admin/affairs/requests/{id}/assign', { department, expectedState: open.state });
});
byId<HTMLFormElement>('affairs-merge-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const into = byId<HTMLInputElement>('affairs-merge-into').value.trim();
  if (!into || !open) return;
  void change('POST /api/admin/affairs/requests/{id}/merge', { into, expectedState: open.state });
});
byId('affairs-street-button').addEventListener('click', () => {
  if (!open) return;
  void change(
    'POST /api/admin/affairs/requests/{id}/location',
    { precision: 'street', expectedState: open.state },
    t('affairs.streetDone'),
  );
});
byId('affairs-reload').addEventListener('click', () => void (open && openReport(open.id)));
byId('affairs-back').addEventListener('click', showQueue);
byId('affairs-refresh').addEventListener('click', () => void loadQueue());
moreButton.addEventListener('click', () => void loadQueue(nextCursor));

const session = setUpSignIn({
  text,
  onSignIn(signedIn) {
    token = signedIn;
    showQueue();
  },
  onSignOut() {
    token = undefined;
    open = undefined;
    workspace.hidden = true;
    status.textContent = '';
  },
});
