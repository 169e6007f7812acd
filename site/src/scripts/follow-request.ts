import { type AnswerBody, callApi } from './api.ts';
import { byId, saveFile } from './dom.ts';
import { formatMoment } from './format.ts';
import { pageText } from './page-text.ts';
import { catalogueOf, photoItem, renderAnswers, showPlace } from './request-details.ts';
import { renderTimeline } from './request-timeline.ts';
import { setUpTownMap } from './town-map.ts';

type FollowView = AnswerBody<'GET /api/resident-affairs/follow', 200>;

const root = byId('follow');
const text = pageText<'follow.' | 'request.' | 'map.' | 'api.'>(root);
const { t, locale } = text;
const catalogue = catalogueOf(root);
const status = byId('follow-status');
const map = setUpTownMap(byId('follow-map'), text);
const downloadButton = byId<HTMLButtonElement>('follow-download');
const eraseButton = byId<HTMLButtonElement>('follow-erase');
const eraseDialog = byId<HTMLDialogElement>('erase-dialog');

/** Kept per browser tab, so a reload or the language switch finds the report again. */
const storageKey = 'wuzhen.followToken';

/**
 * The follow token from the link's fragment (`#token=<token>`), which the server never sees. It stays
 * in the address bar, to be bookmarked: it is the resident's only key (no e-mail carries it). Kept
 * for the tab too, so the language switch, which drops the fragment, finds the report again.
 */
function readToken(): string | undefined {
  const fromLink = /^#token=([\w-]+)$/.exec(location.hash)?.[1];
  if (fromLink) sessionStorage.setItem(storageKey, fromLink);
  return location.hash ? fromLink : (sessionStorage.getItem(storageKey) ?? undefined);
}

function showOnly(part: 'details' | 'missing' | 'erased'): void {
  byId('follow-details').hidden = part !== 'details';
  byId('follow-missing').hidden = part !== 'missing';
  byId('follow-erased').hidden = part !== 'erased';
  if (part !== 'details') sessionStorage.removeItem(storageKey);
  status.textContent = '';
}

/** Marks the steps reached; a report closed without being resolved ends on "Closed" instead. */
function showProgress(view: FollowView): void {
  const reached = new Set(view.timeline.flatMap(({ state }) => (state ? [state] : [])));
  reached.add('submitted');
  reached.add(view.state);
  for (const step of byId('request-progress').querySelectorAll<HTMLElement>('li')) {
    const state = step.dataset.step ?? '';
    const last = state === 'resolved' && view.state === 'closed' && !reached.has('resolved');
    if (last) step.textContent = t('request.state.closed');
    const current = last || state === view.state;
    if (reached.has(state as FollowView['state']) || last) step.dataset.reached = '';
    else delete step.dataset.reached;
    if (current) step.setAttribute('aria-current', 'step');
    else step.removeAttribute('aria-current');
  }
}

function show(view: FollowView): void {
  byId('follow-service').textContent = view.serviceName[locale];
  byId('follow-reference').textContent =
    `${t('follow.reference', { id: view.id })} · ${formatMoment(locale, view.submittedAt)}`;
  const merged = byId('follow-merged');
  merged.hidden = !view.mergedInto;
  merged.textContent = view.mergedInto ? t('follow.mergedInto', { id: view.mergedInto }) : '';
  showProgress(view);
  renderTimeline(byId<HTMLOListElement>('follow-timeline'), view.timeline, text, catalogue.departments);
  byId('follow-description').textContent = view.description;
  renderAnswers(byId('follow-answers'), catalogue, view.serviceCode, view.attributes);
  byId('follow-department').textContent = t('follow.department', {
    department: view.department.name[locale],
  });
  byId('follow-contact').textContent = t(view.hasContact ? 'follow.contactYes' : 'follow.contactNo');
  const landmark = showPlace(map, catalogue, view.location);
  const words = [landmark, view.addressString].filter(Boolean).join(' · ');
  const placeWords = byId('follow-place-words');
  placeWords.hidden = !words;
  placeWords.textContent = words;
  const photos = byId('follow-photos');
  photos.replaceChildren(
    ...view.photos.map(({ url }, index) => photoItem(url, t('follow.photoAlt', { number: index + 1 }))),
  );
  if (view.photos.length === 0) photos.textContent = t('follow.noPhotos');
  showOnly('details');
}

async function load(token: string): Promise<void> {
  status.textContent = t('follow.loading');
  const answer = await callApi('GET /api/resident-affairs/follow', { token });
  if (answer.ok) show(answer.data);
  else if (answer.status === 410) showOnly('erased');
  else if (answer.status === 404 || answer.status === 401 || answer.status === 400) showOnly('missing');
  else status.textContent = t(answer.status === 0 ? 'api.offline' : 'api.busy');
}

/** Everything stored about the report, saved as a JSON file the browser downloads. */
async function download(token: string): Promise<void> {
  downloadButton.disabled = true;
  status.textContent = t('follow.downloading');
  const answer = await callApi('GET /api/resident-affairs/follow/export', { token });
  downloadButton.disabled = false;
  if (answer.status === 410) return showOnly('erased');
  if (!answer.ok) {
    status.textContent = t(answer.status === 0 ? 'api.offline' : 'api.failed');
    return;
  }
  const file = new Blob([JSON.stringify(answer.data, null, 2)], { type: 'application/json' });
  saveFile(file, `wuzhen-report-${answer.data.request.id}.json`);
  status.textContent = t('follow.downloaded');
}

async function erase(token: string): Promise<void> {
  eraseButton.disabled = true;
  status.textContent = t('follow.erasing');
  const answer = await callApi('DELETE /api/resident-affairs/follow', { token });
  eraseButton.disabled = false;
  // 410: erased already (a retry after a lost answer); the outcome is the same.
  if (answer.ok || answer.status === 410) showOnly('erased');
  else status.textContent = t(answer.status === 0 ? 'api.offline' : 'api.failed');
  status.focus();
}

const token = readToken();
if (token) {
  const link = byId<HTMLInputElement>('follow-link');
  link.value = `${location.origin}${location.pathname}#token=${token}`;
  link.addEventListener('focus', () => link.select());
  byId('follow-copy').addEventListener('click', () => {
    void navigator.clipboard.writeText(link.value).then(
      () => {
        byId('follow-copied').textContent = t('follow.copied');
      },
      () => link.select(),
    );
  });
  downloadButton.addEventListener('click', () => void download(token));
  eraseButton.addEventListener('click', () => {
    byId<HTMLInputElement>('erase-understood').checked = false;
    eraseDialog.showModal();
  });
  eraseDialog.addEventListener('close', () => {
    if (eraseDialog.returnValue === 'erase') void erase(token);
    eraseDialog.returnValue = '';
  });
  void load(token);
} else {
  showOnly('missing');
}
