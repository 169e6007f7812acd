import { formatCheckinCode } from '../../../functions/domain/checkin-code.ts';
import { countryNamer } from '../i18n/countries.ts';
import { type AnswerBody, callApi, fetchFile } from './api.ts';
import { byId, saveFile } from './dom.ts';
import { formatMoment } from './format.ts';
import { pageText } from './page-text.ts';

type RegistrationView = AnswerBody<'GET /api/registrations/{id}', 200>;

interface Access {
  id: string;
  token: string;
}

const { t, locale } = pageText<'manage.' | 'status.' | 'api.'>(byId('manage'));
const statusLine = byId('manage-status');
const cancelButton = byId<HTMLButtonElement>('cancel-registration');
const dialog = byId<HTMLDialogElement>('cancel-dialog');
const downloadButton = byId<HTMLButtonElement>('download-data');
const eraseButton = byId<HTMLButtonElement>('erase-registration');
const eraseDialog = byId<HTMLDialogElement>('erase-dialog');

/** Kept per browser tab, so a reload or the language switch finds the registration again. */
const storageKey = 'wuzhen.registrationAccess';

/**
 * The id and manage token from the link's fragment (`#<id>.<token>`), which then leaves the address
 * bar so it is not left on screen or shared by accident; without a fragment, this tab's last one.
 */
function readAccess(): Access | undefined {
  if (location.hash) {
    const match = /^#([0-9A-Za-z]+)\.([\w-]+)$/.exec(location.hash);
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    if (!match?.[1] || !match[2]) return undefined;
    const access = { id: match[1], token: match[2] };
    sessionStorage.setItem(storageKey, JSON.stringify(access));
    return access;
  }
  const stored = sessionStorage.getItem(storageKey);
  return stored ? (JSON.parse(stored) as Access) : undefined;
}

function showMissing(): void {
  sessionStorage.removeItem(storageKey);
  statusLine.textContent = '';
  byId('manage-details').hidden = true;
  byId('manage-missing').hidden = false;
}

/** After an erasure (now, or earlier: the link answers 410): nothing is left to show. */
function showErased(): void {
  sessionStorage.removeItem(storageKey);
  shown = undefined;
  byId('manage-details').hidden = true;
  byId('manage-erased').hidden = false;
  statusLine.textContent = '';
}

function fillDetail(field: string, value: string | undefined): void {
  const detail = byId(`detail-${field}`);
  detail.textContent = value ?? '';
  const row = detail.parentElement;
  if (row?.hasAttribute('data-optional')) row.hidden = !value;
}

async function showTicket(access: Access, code: string): Promise<void> {
  const file = await fetchFile('GET /api/registrations/{id}/ticket.svg', {
    path: { id: access.id },
    token: access.token,
  });
  if (!file.ok) {
    byId('ticket-note').textContent = t('manage.ticketFailed');
    return;
  }
  const image = new Image(240, 240);
  image.src = URL.createObjectURL(file.blob);
  image.alt = t('manage.qrAlt', { code: formatCheckinCode(code) });
  byId('ticket-qr').replaceChildren(image);
}

function showStatus(registration: RegistrationView): void {
  const { status } = registration;
  byId('detail-status').textContent = t(`status.${status}`);
  byId('manage-details').dataset.status = status;
  const live = status === 'confirmed' || status === 'waitlisted' || status === 'pending_approval';
  byId('ticket').hidden = !live;
  byId('ticket-note').textContent = status === 'confirmed' ? '' : t('manage.ticketPending');
  if (status !== 'confirmed') byId('ticket-qr').replaceChildren();
  byId('print-ticket').hidden = status !== 'confirmed';
  // A checked-in registration stays: the seat has been used.
  cancelButton.hidden = !live || registration.checkedInAt !== undefined;
}

/** The registration on screen, which the cancel button acts on. */
let shown: RegistrationView | undefined;

function showRegistration(access: Access, registration: RegistrationView): void {
  shown = registration;
  byId('ticket-name').textContent = registration.name;
  byId('ticket-category').textContent = registration.categoryName[locale];
  byId('ticket-code').textContent = formatCheckinCode(registration.code);
  fillDetail('email', registration.email);
  fillDetail('country', countryNamer(locale)(registration.country));
  fillDetail('organization', registration.organization);
  fillDetail('jobTitle', registration.jobTitle);
  fillDetail('dietary', registration.dietary);
  fillDetail('registered', formatMoment(locale, registration.createdAt));
  byId('detail-visa').hidden = !registration.needsVisaLetter;
  const checkedIn = byId('detail-checked-in');
  checkedIn.hidden = !registration.checkedInAt;
  if (registration.checkedInAt) {
    checkedIn.textContent = t('manage.checkedIn', { time: formatMoment(locale, registration.checkedInAt) });
  }
  showStatus(registration);
  statusLine.textContent = '';
  byId('manage-details').hidden = false;
  if (registration.status === 'confirmed') void showTicket(access, registration.code);
}

async function load(access: Access): Promise<void> {
  statusLine.textContent = t('manage.loading');
  const answer = await callApi('GET /api/registrations/{id}', {
    path: { id: access.id },
    token: access.token,
  });
  if (answer.ok) showRegistration(access, answer.data);
  else if (answer.status === 410) showErased();
  else if (answer.status === 404 || answer.status === 400 || answer.status === 401) showMissing();
  else statusLine.textContent = t(answer.status === 0 ? 'api.offline' : 'api.busy');
}

async function cancel(access: Access, registration: RegistrationView): Promise<void> {
  cancelButton.disabled = true;
  statusLine.textContent = t('manage.cancelling');
  const answer = await callApi('DELETE /api/registrations/{id}', {
    path: { id: access.id },
    token: access.token,
  });
  cancelButton.disabled = false;
  if (answer.ok) {
    showStatus({ ...registration, status: 'cancelled' });
    statusLine.textContent = t('manage.cancelled');
  } else if (answer.status === 409) {
    statusLine.textContent = t('manage.cannotCancel');
  } else {
    statusLine.textContent = t(answer.status === 0 ? 'api.offline' : 'api.failed');
  }
  // The dialog gave focus back to the cancel button, which may now be gone: the outcome takes it.
  statusLine.focus();
}

/** Everything stored about the registrant, saved as a JSON file the browser downloads. */
async function download(access: Access): Promise<void> {
  downloadButton.disabled = true;
  statusLine.textContent = t('manage.downloading');
  const answer = await callApi('GET /api/registrations/{id}/export', {
    path: { id: access.id },
    token: access.token,
  });
  downloadButton.disabled = false;
  if (answer.status === 410) return showErased();
  if (!answer.ok) {
    statusLine.textContent = t(answer.status === 0 ? 'api.offline' : 'api.failed');
    return;
  }
  const file = new Blob([JSON.stringify(answer.data, null, 2)], { type: 'application/json' });
  saveFile(file, `wuzhen-registration-${access.id}.json`);
  statusLine.textContent = t('manage.downloaded');
}

async function erase(access: Access): Promise<void> {
  eraseButton.disabled = true;
  statusLine.textContent = t('manage.erasing');
  const answer = await callApi('POST /api/registrations/{id}/erasure', {
    path: { id: access.id },
    token: access.token,
    json: { confirm: true },
  });
  eraseButton.disabled = false;
  // 410: erased already (a retry after a lost answer); the outcome is the same.
  if (answer.ok || answer.status === 410) showErased();
  else statusLine.textContent = t(answer.status === 0 ? 'api.offline' : 'api.failed');
  statusLine.focus();
}

const access = readAccess();
if (access) {
  downloadButton.addEventListener('click', () => void download(access));
  eraseButton.addEventListener('click', () => {
    byId<HTMLInputElement>('erase-understood').checked = false;
    eraseDialog.showModal();
  });
  eraseDialog.addEventListener('close', () => {
    if (eraseDialog.returnValue === 'erase') void erase(access);
    eraseDialog.returnValue = '';
  });
  byId('print-ticket').addEventListener('click', () => window.print());
  cancelButton.addEventListener('click', () => dialog.showModal());
  dialog.addEventListener('close', () => {
    if (dialog.returnValue === 'cancel' && shown) void cancel(access, shown);
    dialog.returnValue = '';
  });
  void load(access);
} else {
  showMissing();
}
