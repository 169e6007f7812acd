import { formatCheckinCode } from '../../../functions/domain/checkin-code.ts';
import { checkinCodeHash } from '../../../functions/domain/checkin-code-hash.ts';
import { type AnswerBody, callApi } from './api.ts';
import { offerBadge, setUpBadgePrint } from './checkin-badge.ts';
import { watchConnection } from './checkin-connection.ts';
import { downloadLists, type Reported, type Stopped, uploadQueue } from './checkin-desk-sync.ts';
import { checkOffline, ticketCode } from './checkin-offline-check.ts';
import { type DeskLists, type DeskStore, openDeskStore, type RosterEntry } from './checkin-offline-store.ts';
import { byId } from './dom.ts';
import { formatClock } from './format.ts';
import { pageText } from './page-text.ts';
import { cameraAvailable, type Scanner, startScanner } from './qr-scanner.ts';
import { setUpSignIn } from './staff-session.ts';

type AlreadyCheckedIn = AnswerBody<'POST /api/admin/checkins', 409>;

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

/** This device's desk label, kept across visits: the scans it uploads name it. */
const deskKey = 'wuzhen.checkinDesk';
const deskId = localStorage.getItem(deskKey) ?? `desk-${crypto.randomUUID().slice(0, 6)}`;
localStorage.setItem(deskKey, deskId);
const scansPerUpload = Number(root.dataset.scansPerUpload);
/** Without IndexedDB (some in-app browsers) the desk works online only, as it always did. */
const storeReady: Promise<DeskStore | undefined> = openDeskStore(
  new Date(root.dataset.offlineUntil ?? 0),
).catch(() => undefined);
let lists: DeskLists | undefined;
let syncing = false;

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

function show(outcome: Outcome, verdict: string, attendee?: RosterEntry, detail = ''): void {
  result.dataset.result = outcome;
  byId('checkin-verdict').textContent = verdict;
  byId('checkin-who').textContent = attendee
    ? `${attendee.name} · ${categoryNames[attendee.category] ?? attendee.category}`
    : '';
  byId('checkin-detail').textContent = detail;
  retryButton.hidden = outcome !== 'failed';
  offerBadge(undefined);
}

async function send(current: { code: string; nonce: string }): Promise<void> {
  const signedIn = token;
  if (!signedIn || sending) return;
  sending = true;
  attempt = current;
  show('sending', t('checkin.sending', { code: formatCheckinCode(current.code) }));
  const answer = await callApi('POST /api/admin/checkins', { token: signedIn, json: current });
  sending = false;
  // Signed out (or in as someone else) meanwhile: the answer's name and time are not this session's.
  if (token !== signedIn) return;
  if (answer.status === 0) connection.unanswered();
  else connection.answered();
  if (answer.status === 401 || answer.status === 403) {
    session.signOut(t(answer.status === 401 ? 'session.rejected' : 'session.forbidden'));
    return;
  }
  // No answer, and the desk has its offline list: this ticket is checked on the device instead.
  if (answer.status === 0 && lists) {
    attempt = undefined;
    await checkOnDevice(current);
    return;
  }
  if (answer.status === 0 || answer.status >= 500) {
    show('failed', t('checkin.failed'), undefined, t(answer.status === 0 ? 'api.offline' : 'api.busy'));
    return;
  }
  attempt = undefined;
  if (answer.ok) {
    show('checked-in', t('checkin.checkedIn'), answer.data.registration);
    offerBadge(answer.data.registration.id);
    await rememberCheckIn(signedIn, current.code, answer.data.checkedInAt);
  } else if (answer.status === 409 && isAlreadyCheckedIn(answer.problem)) {
    const { firstCheckedInAt, registration } = answer.problem;
    await rememberCheckIn(signedIn, current.code, firstCheckedInAt);
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

/**
 * A check-in the server confirmed, kept so that the ticket shown again offline is a repeat; not
 * once the session it was made in has ended (sign-out cleared the tickets seen).
 */
async function rememberCheckIn(signedIn: string, input: string, checkedInAt: string): Promise<void> {
  const store = await storeReady;
  const code = ticketCode(input);
  if (!store || !code) return;
  const codeHash = await checkinCodeHash(code);
  if (token === signedIn) await store.remember(codeHash, checkedInAt);
}

/** Offline: the code checked against the downloaded lists, an admitted scan queued for upload. */
async function checkOnDevice({ code: input, nonce }: { code: string; nonce: string }): Promise<void> {
  const store = await storeReady;
  if (!store || !lists) {
    show('failed', t('checkin.failed'), undefined, t('checkin.noLists'));
    return;
  }
  const checked = await checkOffline(input, lists, store.seenAt);
  if (checked.kind === 'refused') {
    show('invalid', t('checkin.invalid'), undefined, t(`checkin.refused.${checked.reason}`));
  } else if (checked.kind === 'repeat') {
    show('already', t('checkin.repeat', { time: formatClock(locale, checked.firstAt) }), checked.attendee);
  } else {
    const scan = { nonce, code: checked.scanned, scannedAt: new Date().toISOString(), desk: deskId };
    await store.admit(scan, checked.codeHash);
    show('checked-in', t('checkin.checkedIn'), checked.attendee, t('checkin.queued'));
    await showQueue();
  }
}

function checkIn(input: string): void {
  const current = { code: normalize(input), nonce: crypto.randomUUID() };
  if (connection.online) void send(current);
  else void checkOnDevice(current);
}

const modeLine = byId('desk-mode');
const queueLine = byId('desk-queue');
const listsLine = byId('desk-lists');
const duplicatesList = byId('desk-duplicates');
const refusedList = byId('desk-refused');

function showMode(): void {
  const mode = connection.online ? 'online' : 'offline';
  modeLine.dataset.mode = mode;
  modeLine.textContent = t(`checkin.mode.${mode}`);
}

async function showQueue(): Promise<void> {
  const waiting = (await (await storeReady)?.queued())?.length ?? 0;
  queueLine.textContent = waiting ? t('checkin.queue', { count: waiting }) : t('checkin.queueEmpty');
}

function showLists(): void {
  listsLine.textContent = lists
    ? t('checkin.lists', {
        tickets: Object.keys(lists.roster).length,
        revoked: lists.revoked.length,
        time: formatClock(locale, lists.downloadedAt),
      })
    : t('checkin.listsNone');
}

/** An exchange that stopped: offline without an answer, signed out when the token is refused. */
function stop(stopped: Stopped): void {
  if (stopped.stopped === 'unanswered') connection.unanswered();
  if (stopped.stopped === 'failed') connection.failed();
  if (stopped.stopped === 'unauthorized') {
    session.signOut(t(stopped.status === 401 ? 'session.rejected' : 'session.forbidden'));
  }
}

/** A scan the server did not simply admit: a duplicate (of another desk's scan, or of a check-in online), or refused. */
async function showReported(signedIn: string, report: Reported): Promise<void> {
  const code = ticketCode(report.scan.code) ?? report.scan.code;
  const codeHash = await checkinCodeHash(code);
  if (token !== signedIn) return;
  const who = lists?.roster[codeHash]?.name ?? formatCheckinCode(code);
  const here = formatClock(locale, report.scan.scannedAt);
  const item = document.createElement('li');
  if (report.kind === 'refused') {
    item.textContent = t('checkin.refusedWhenSent', {
      who,
      here,
      reason: t(`checkin.serverRefused.${report.reason}`),
    });
    refusedList.append(item);
    return;
  }
  item.textContent =
    report.kind === 'duplicate'
      ? t('checkin.duplicate', {
          who,
          here,
          desk: report.first.desk,
          first: formatClock(locale, report.first.scannedAt),
        })
      : t('checkin.duplicateOfOnline', { who, here, first: formatClock(locale, report.at) });
  duplicatesList.append(item);
}

/**
 * Online: the queued scans go up first (with their duplicates shown), then the lists come down.
 * All in the session it started in: after each wait, a sign-out (or another sign-in) meanwhile
 * stops it before it shows or keeps anything, so the roster never comes back to a signed-out device.
 */
async function sync(): Promise<void> {
  const store = await storeReady;
  const signedIn = token;
  if (!store || !signedIn || syncing) return;
  const ended = () => token !== signedIn;
  syncing = true;
  try {
    const uploaded = await uploadQueue(signedIn, store, scansPerUpload);
    if (ended()) return;
    if ('stopped' in uploaded) return stop(uploaded);
    connection.answered();
    for (const report of uploaded.reported) await showReported(signedIn, report);
    if (ended()) return;
    byId('desk-duplicates-section').hidden = !duplicatesList.childElementCount;
    byId('desk-refused-section').hidden = !refusedList.childElementCount;
    const downloaded = await downloadLists(signedIn);
    if (ended()) return;
    if ('stopped' in downloaded) return stop(downloaded);
    lists = downloaded;
    connection.synced();
    await store.saveLists(downloaded);
    showLists();
  } finally {
    syncing = false;
    await showQueue();
  }
}

const connection = watchConnection(showMode, () => void sync());

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

byId('desk-id').textContent = t('checkin.deskId', { desk: deskId });
showMode();

const session = setUpSignIn({
  text,
  onSignIn(signedIn) {
    token = signedIn;
    desk.hidden = false;
    show('ready', t('checkin.ready'));
    void storeReady.then(async (store) => {
      lists ??= await store?.lists();
      showLists();
      await showQueue();
      if (connection.online) await sync();
    });
  },
  onSignOut() {
    token = undefined;
    stopScanning();
    desk.hidden = true;
    // The names on this device go with the session; unsent scans wait for the next sign-in.
    lists = undefined;
    duplicatesList.replaceChildren();
    refusedList.replaceChildren();
    void storeReady.then((store) => store?.forgetPeople());
  },
});

setUpBadgePrint({
  token: () => token,
  text: (key) => t(key),
  refused: () => session.signOut(t('session.rejected')),
});
