import { formatCheckinCode } from '../../../functions/domain/checkin-code.ts';
import { type AnswerBody, callApi } from './api.ts';
import { byId } from './dom.ts';
import { formatClock } from './format.ts';
import { pageText } from './page-text.ts';
import { cameraAvailable, type Scanner, startScanner } from './qr-scanner.ts';
import { setUpSignIn } from './staff-session.ts';

type AlreadyCheckedIn = AnswerBody<'POST /api/admin/checkins', 409>;
type Attendee = AlreadyCheckedIn['registration'];

const isAlreadyCheckedIn = (body: object): body is AlreadyCheckedIn =>
  (body as { result?: unknown }).result === 'already_checked_in';

/** How the result panel looks: each outcome has its own colour and words. */
type Outcome = 'ready' | 'sending' | 'checked-in' | 'already' | 'invalid' | 'failed';

const root = byId('checkin');
const text = pageText<'checkin.' | 'session.' | 'api.'>(root);
const { t, locale } = text;
const categoryNames: Record<string, string> = JSON.parse(root.dataset.categories ?? '{}');
const desk = byId('checkin-desk');
const result = byId('checkin-result');
const retryButton = byId<HTMLButtonElement>('checkin-retry');
const codeForm = byId<HTMLFormElement>('code-form');
const codeField = byId<HTMLInputElement>('checkin-code');
const video = byId<HTMLVideoElement>('scanner-video');
const scanToggle = byId<HTMLButtonElement>('scan-toggle');
const scannerMessage = byId('scanner-message');

let token: string | undefined;
let scanner: Scanner | undefined;
let sending = false;
/**
 * The check-in being sent. After a lost answer the retry sends the same nonce, so the server
 * answers as it did the first time instead of reporting the attendee as already checked in.
 */
let attempt: { code: string; nonce: string } | undefined;
/** The last code the camera saw, so a ticket held in view is checked in once. */
let lastSeen = { code: '', at: 0 };
const sameTicketMs = 3000;

/** The code as typed or scanned: case, spaces and dashes (including full-width ones) do not matter. */
const normalize = (input: string) =>
  input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\u2010-\u2015-]/g, '');

function show(outcome: Outcome, verdict: string, attendee?: Attendee, detail = ''): void {
  result.dataset.result = outcome;
  byId('checkin-verdict').textContent = verdict;
  byId('checkin-who').textContent = attendee
    ? `${attendee.name} · ${categoryNames[attendee.category] ?? attendee.category}`
    : '';
  byId('checkin-detail').textContent = detail;
  retryButton.hidden = outcome !== 'failed';
}

async function send(current: { code: string; nonce: string }): Promise<void> {
  if (!token || sending) return;
  sending = true;
  attempt = current;
  show('sending', t('checkin.sending', { code: formatCheckinCode(current.code) }));
  const answer = await callApi('POST /api/admin/checkins', { token, json: current });
  sending = false;
  if (answer.status === 401 || answer.status === 403) {
    session.signOut(t(answer.status === 401 ? 'session.rejected' : 'session.forbidden'));
    return;
  }
  if (answer.status === 0 || answer.status >= 500) {
    show('failed', t('checkin.failed'), undefined, t(answer.status === 0 ? 'api.offline' : 'api.busy'));
    return;
  }
  attempt = undefined;
  if (answer.ok) {
    show('checked-in', t('checkin.checkedIn'), answer.data.registration);
  } else if (answer.status === 409 && isAlreadyCheckedIn(answer.problem)) {
    const { firstCheckedInAt, registration } = answer.problem;
    show('already', t('checkin.already', { time: formatClock(locale, firstCheckedInAt) }), registration);
  } else {
    show(
      'invalid',
      t('checkin.invalid'),
      undefined,
      t(answer.status === 422 ? 'checkin.notConfirmed' : 'checkin.unknown'),
    );
  }
}

function checkIn(input: string): void {
  void send({ code: normalize(input), nonce: crypto.randomUUID() });
}

codeForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const error = byId('checkin-code-error');
  if (!normalize(codeField.value)) {
    error.textContent = t('checkin.empty');
    codeField.setAttribute('aria-invalid', 'true');
  } else {
    error.textContent = '';
    codeField.removeAttribute('aria-invalid');
    checkIn(codeField.value);
    codeField.value = '';
  }
  codeField.focus();
});

retryButton.addEventListener('click', async () => {
  if (!attempt) return;
  await send(attempt);
  // The retry button hides once the answer is in: the answer takes the focus, without opening a keyboard.
  if (retryButton.hidden) result.focus();
});

function onScan(scanned: string): void {
  const code = normalize(scanned);
  const now = Date.now();
  const stillInView = code === lastSeen.code && now - lastSeen.at < sameTicketMs;
  lastSeen = { code, at: now };
  if (!stillInView && !sending) checkIn(code);
}

function stopScanning(): void {
  scanner?.stop();
  scanner = undefined;
  video.hidden = true;
  scanToggle.textContent = t('checkin.scan');
  scannerMessage.textContent = '';
}

scanToggle.addEventListener('click', async () => {
  if (scanner) return stopScanning();
  scanToggle.disabled = true;
  try {
    video.hidden = false;
    scanner = await startScanner(video, onScan);
    scanToggle.textContent = t('checkin.stop');
    scannerMessage.textContent = t('checkin.scanning');
  } catch {
    stopScanning();
    scannerMessage.textContent = t('checkin.noCamera');
    codeField.focus();
  }
  scanToggle.disabled = false;
});

// The camera is off whenever the page is not on screen.
document.addEventListener('visibilitychange', () => {
  if (document.hidden) stopScanning();
});

if (!cameraAvailable()) {
  scanToggle.hidden = true;
  scannerMessage.textContent = t('checkin.noCamera');
}

const session = setUpSignIn({
  text,
  onSignIn(signedIn) {
    token = signedIn;
    desk.hidden = false;
    show('ready', t('checkin.ready'));
  },
  onSignOut() {
    token = undefined;
    stopScanning();
    desk.hidden = true;
  },
});
