import { localizedPath, pathWithoutLocale } from '../i18n/locales.ts';
import { callApi, type FieldError, type Problem } from './api.ts';
import { byId } from './dom.ts';
import { fieldErrors } from './field-errors.ts';
import { pageText } from './page-text.ts';
import { setUpPhotoPicker } from './photo-picker.ts';
import { solveFor, wantsNewChallenge } from './proof-of-work.ts';
import { type Place, setUpTownMap } from './town-map.ts';

const root = byId('report');
const form = byId<HTMLFormElement>('report-form');
const status = byId('report-status');
const submitButton = form.querySelector('button[type="submit"]') as HTMLButtonElement;
const landmarkSelect = byId<HTMLSelectElement>('field-address_id');
const locationStatus = byId('location-status');
const text = pageText<'help.' | 'map.' | 'api.'>(root);
const { t, locale } = text;
const photos = setUpPhotoPicker(text);
const { slot: errorSlot, controlsOf, show: setError, clear: clearErrors, firstInError } = fieldErrors(form);

/** The point the resident gave (their position or a pin); a landmark chosen instead clears it. */
let point: Place | undefined;
const map = setUpTownMap(byId('report-map'), text, (pinned) => {
  formEdited();
  point = pinned;
  landmarkSelect.value = '';
  setError('place', '');
});

/** The first field with an error takes the focus: its first control, or the map for the place. */
function focusFirstError(): void {
  const field = firstInError();
  const control =
    field === 'place'
      ? byId('report-map').querySelector<SVGElement>('svg')
      : field === 'media_ids'
        ? byId('photo-library')
        : controlsOf(field)[0];
  control?.focus();
}

const chosenService = () => form.querySelector<HTMLInputElement>('input[name="service_code"]:checked')?.value;
const questionsOf = (service: string | undefined) =>
  form.querySelector<HTMLElement>(`.service-questions[data-service="${CSS.escape(service ?? '')}"]`);

/** Only the chosen service's questions are shown, and only they are sent. */
function showQuestions(): void {
  const service = chosenService();
  for (const group of form.querySelectorAll<HTMLElement>('.service-questions')) {
    group.hidden = group.dataset.service !== service;
  }
}

function answers(): Record<string, string | string[]> {
  const group = questionsOf(chosenService());
  if (!group) return {};
  const found: Record<string, string | string[]> = {};
  for (const control of group.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) {
    const code = /^attribute\[(.+)\]$/.exec(control.name)?.[1];
    if (!code) continue;
    if (control instanceof HTMLInputElement && control.type === 'checkbox') {
      if (control.checked) found[code] = [...((found[code] as string[] | undefined) ?? []), control.value];
    } else if (control instanceof HTMLInputElement && control.type === 'radio') {
      if (control.checked) found[code] = control.value;
    } else if (control.value.trim()) {
      found[code] = control.value.trim();
    }
  }
  return found;
}

function body() {
  const data = new FormData(form);
  const value = (name: string) => String(data.get(name) ?? '').trim() || undefined;
  const landmark = landmarkSelect.value || undefined;
  return {
    service_code: chosenService() ?? '',
    description: value('description') ?? '',
    ...(landmark ? { address_id: landmark } : point ? { lat: point.lat, long: point.lon } : {}),
    address_string: value('address_string'),
    email: value('email'),
    phone: value('phone'),
    attribute: answers(),
    media_ids: photos.uploadIds(),
    locale,
    // The honeypot: empty unless a robot filled it, and then the API refuses the report.
    website: value('website'),
  };
}

/** What the page can tell before sending anything (and before the proof of work). */
function checkBeforeSending(sent: ReturnType<typeof body>): boolean {
  if (!sent.service_code) setError('service_code', t('help.error.service_code'));
  if (!sent.description) setError('description', t('help.error.description'));
  if (!('address_id' in sent) && !('lat' in sent)) setError('place', t('help.error.place'));
  const group = questionsOf(sent.service_code);
  for (const control of group?.querySelectorAll<HTMLInputElement>('[required]') ?? []) {
    if (!(control.name.slice(10, -1) in sent.attribute)) setError(control.name, t('help.error.attribute'));
  }
  for (const field of ['email', 'phone']) {
    if (!controlsOf(field)[0]?.checkValidity())
      setError(field, t(field === 'email' ? 'help.error.email' : 'help.error.phone'));
  }
  return firstInError() === '';
}

/** The field a server error names: lat, long and address_id are all the place; attribute.x its question. */
function fieldOf({ path }: FieldError): string {
  const [first = '', second] = path.split('.');
  if (first === 'lat' || first === 'long' || first === 'address_id') return 'place';
  if (first === 'attribute' && second) return `attribute[${second}]`;
  return first;
}

function messageFor(field: string): string | undefined {
  if (field.startsWith('attribute[')) return t('help.error.attribute');
  const key = `help.error.${field}` as const;
  const message = t(key as Parameters<typeof t>[0]);
  return message === key ? undefined : message;
}

/** Places each of a 400's errors by its field; false when one of them has no field on the page. */
function placeErrors(problem: Problem): boolean {
  const errors = problem.errors ?? [];
  let allPlaced = errors.length > 0;
  for (const error of errors) {
    const field = fieldOf(error);
    const message = messageFor(field);
    if (message && errorSlot(field)) setError(field, message);
    else allPlaced = false;
  }
  return allPlaced;
}

/** The follow link on this page's language version and origin, whatever origin the API knows. */
function followHref(followUrl: string): string {
  const url = new URL(followUrl, location.origin);
  return `${localizedPath(locale, pathWithoutLocale(url.pathname))}${url.hash}`;
}

/**
 * One key per filled-in form: a second click or a retry after a lost answer gets the first report
 * back instead of making another. Changing the form after sending it starts a new key.
 */
let idempotencyKey = crypto.randomUUID();
let keyUsed = false;

function formEdited(): void {
  if (!keyUsed) return;
  idempotencyKey = crypto.randomUUID();
  keyUsed = false;
}

/** Two tries: a solution that became too easy or expired while the resident typed gets one more. */
const solveAttempts = 2;

async function send(sent: ReturnType<typeof body>) {
  for (let attempt = 1; ; attempt += 1) {
    status.textContent = t('api.solving', { percent: 0 });
    const solution = await solveFor('resident-request', undefined, (tried) => {
      status.textContent = t('api.solving', { percent: Math.floor(tried * 100) });
    });
    if (!solution.ok) return solution;
    status.textContent = t('help.sending');
    const answer = await callApi('POST /api/open311/v2/requests.json', {
      json: { ...sent, altcha: solution.altcha },
      headers: { 'idempotency-key': idempotencyKey },
    });
    if (answer.ok || attempt === solveAttempts || !wantsNewChallenge(answer.status, answer.problem))
      return answer;
  }
}

let sending = false;

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (sending) return;
  clearErrors();
  status.textContent = '';
  if (photos.pending()) {
    setError('media_ids', t('help.photoWait'));
    return focusFirstError();
  }
  const sent = body();
  if (!checkBeforeSending(sent)) {
    status.textContent = t('help.fixErrors');
    return focusFirstError();
  }
  sending = true;
  submitButton.disabled = true;
  keyUsed = true;
  const answer = await send(sent);
  sending = false;
  submitButton.disabled = false;
  const created = answer.ok ? answer.data[0] : undefined;
  if (created) {
    status.textContent = t('help.sent');
    location.assign(followHref(created.follow_url));
    return;
  }
  if (!answer.ok && answer.status === 400 && placeErrors(answer.problem)) {
    status.textContent = t('help.fixErrors');
    return focusFirstError();
  }
  const failed = answer.ok
    ? 'api.failed'
    : answer.status === 0
      ? 'api.offline'
      : answer.status === 429
        ? 'help.tooMany'
        : answer.later
          ? 'api.busy'
          : 'api.failed';
  status.textContent = t(failed);
  status.focus();
});

form.addEventListener('input', formEdited);
form.addEventListener('change', (event) => {
  formEdited();
  const control = event.target as HTMLInputElement;
  if (control.name === 'service_code') {
    showQuestions();
    setError('service_code', '');
  }
});

landmarkSelect.addEventListener('change', () => {
  const option = landmarkSelect.selectedOptions[0];
  point = undefined;
  setError('place', '');
  map.show(option?.value ? { lat: Number(option.dataset.lat), lon: Number(option.dataset.lon) } : undefined);
});

byId('use-location').addEventListener('click', () => {
  if (!('geolocation' in navigator)) {
    locationStatus.textContent = t('help.locationUnavailable');
    return;
  }
  locationStatus.textContent = t('help.locating');
  navigator.geolocation.getCurrentPosition(
    ({ coords }) => {
      const found = {
        lat: Math.round(coords.latitude * 1e6) / 1e6,
        lon: Math.round(coords.longitude * 1e6) / 1e6,
      };
      // The villages around the town are served too: the pin then waits at the map's edge.
      const { south, north, west, east } = JSON.parse(byId('report-map').dataset.map ?? '{}').area;
      if (found.lat < south || found.lat > north || found.lon < west || found.lon > east) {
        locationStatus.textContent = t('help.locationOutside');
        return;
      }
      formEdited();
      point = found;
      landmarkSelect.value = '';
      setError('place', '');
      map.show(found);
      locationStatus.textContent = t('help.located');
    },
    (error) => {
      locationStatus.textContent = t(
        error.code === error.PERMISSION_DENIED ? 'help.locationDenied' : 'help.locationUnavailable',
      );
    },
    { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
  );
});

form.hidden = false;
showQuestions();
