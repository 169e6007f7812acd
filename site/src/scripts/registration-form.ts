import { formatCheckinCode } from '../../../functions/domain/checkin-code.ts';
import { localizedPath, pathWithoutLocale } from '../i18n/locales.ts';
import type { KeyWithPrefix } from '../i18n/ui.ts';
import { type AnswerBody, callApi, type FieldError, type Problem } from './api.ts';
import { renderCategoryChoices } from './category-choices.ts';
import { byId } from './dom.ts';
import { fieldErrors } from './field-errors.ts';
import { pageText } from './page-text.ts';
import { solveFor, wantsNewChallenge } from './proof-of-work.ts';

type Registered = AnswerBody<'POST /api/registrations', 201>;

const root = byId('register');
const form = byId<HTMLFormElement>('registration-form');
const categoryGroup = byId('category-group');
const choices = byId('category-choices');
const submitButton = form.querySelector('button[type="submit"]') as HTMLButtonElement;
const status = byId('register-status');
const text = pageText<'register.' | 'api.'>(root);
const { t, locale } = text;

/** The message each field shows, whatever words the server or the browser would use. */
const fieldMessages: Record<string, KeyWithPrefix<'register.error.'>> = {
  category: 'register.error.category',
  name: 'register.error.name',
  email: 'register.error.email',
  country: 'register.error.country',
  organization: 'register.error.text',
  jobTitle: 'register.error.text',
  language: 'register.error.language',
  dietary: 'register.error.text',
  consent: 'register.error.consent',
  crossBorderConsent: 'register.error.crossBorderConsent',
  noticeVersion: 'register.error.noticeVersion',
};

/**
 * One key per filled-in form: a second click or a retry after a lost answer replays the first
 * registration instead of making another. Changing the form after sending it starts a new key.
 */
let idempotencyKey = crypto.randomUUID();
let keyUsed = false;
let sending = false;

const {
  slot: errorSlot,
  controlsOf,
  show: setFieldError,
  clear: clearErrors,
  firstInError,
} = fieldErrors(form);

/**
 * Focuses a field: its chosen or first open control. The category group has no control while its
 * choices load (or when none is open): the group itself takes the focus, and loadCategories hands
 * it on to a choice once they are there.
 */
function focusField(field: string): void {
  const controls = controlsOf(field).filter((control) => !control.disabled);
  const fallback = field === 'category' ? categoryGroup : undefined;
  (controls.find((control) => control.checked) ?? controls[0] ?? fallback)?.focus();
}

/** Focuses the first field in error, in the order the form shows them. */
function focusFirstError(): void {
  focusField(firstInError());
}

/** Shows each server error next to its field; returns whether every one found its field. */
function showFieldErrors(errors: readonly FieldError[]): boolean {
  let allPlaced = true;
  for (const { path } of errors) {
    const field = path.split('.')[0] ?? '';
    const key = fieldMessages[field];
    if (key && errorSlot(field)) setFieldError(field, t(key));
    else allPlaced = false;
  }
  return allPlaced;
}

function formBody() {
  const data = new FormData(form);
  const value = (name: string) => String(data.get(name) ?? '').trim();
  return {
    category: value('category') || undefined,
    name: value('name'),
    email: value('email'),
    country: value('country'),
    organization: value('organization') || undefined,
    jobTitle: value('jobTitle') || undefined,
    language: value('language') || undefined,
    dietary: value('dietary') || undefined,
    needsVisaLetter: data.has('needsVisaLetter'),
    consent: data.has('consent'),
    crossBorderConsent: data.has('crossBorderConsent'),
    partnerSharingConsent: data.has('partnerSharingConsent'),
    noticeVersion: value('noticeVersion'),
    noticeLanguage: locale,
    // The honeypot: empty unless a robot filled it, and then the API refuses the form.
    website: value('website') || undefined,
  };
}

/** The note in place of the choices; the group names it in aria-describedby (RegistrationForm.astro). */
const choicesNoteId = 'category-choices-note';

function showCategoriesLoading(): void {
  const loading = document.createElement('p');
  loading.id = choicesNoteId;
  loading.className = 'small';
  loading.textContent = t('register.categoriesLoading');
  choices.replaceChildren(loading);
}

/** Says the categories could not be loaded, with a button that asks again without reloading the page. */
function showCategoriesFailed(): void {
  const failed = document.createElement('p');
  failed.id = choicesNoteId;
  failed.className = 'field-error';
  failed.textContent = t('register.categoriesFailed');
  const retry = document.createElement('button');
  retry.type = 'button';
  retry.className = 'button secondary';
  retry.textContent = t('register.categoriesRetry');
  retry.addEventListener('click', () => {
    // The group keeps the focus while the button makes way for the loading note.
    categoryGroup.focus();
    showCategoriesLoading();
    void loadCategories();
  });
  choices.replaceChildren(failed, retry);
}

/**
 * Fills the category choices. The form stays usable meanwhile: a person may type, and may send it,
 * before they are there; their choice, the group's error and the focus (when it was in the group)
 * carry over to the new choices.
 */
async function loadCategories(): Promise<void> {
  const answer = await callApi('GET /api/categories');
  const selected = new FormData(form).get('category');
  const focusWasInGroup = categoryGroup.contains(document.activeElement);
  if (answer.ok) {
    renderCategoryChoices(
      choices,
      answer.data.items,
      text,
      typeof selected === 'string' ? selected : undefined,
    );
    setFieldError('category', errorSlot('category')?.textContent ?? '');
  } else {
    showCategoriesFailed();
  }
  if (focusWasInGroup) focusField('category');
}

/** The manage link on this page's language version, on this origin, whatever origin the API knows. */
function manageHref(manageUrl: string): string {
  const url = new URL(manageUrl, location.origin);
  const path = pathWithoutLocale(url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`);
  return `${localizedPath(locale, path)}${url.hash}`;
}

function showResult(registration: Registered): void {
  const result = byId('registration-result');
  const title = byId('result-title');
  title.textContent = t(`register.result.${registration.status}`);
  byId('result-text').textContent = t(`register.result.${registration.status}Text`);
  byId('result-code').textContent = formatCheckinCode(registration.code);
  byId<HTMLAnchorElement>('result-manage').href = manageHref(registration.manageUrl);
  result.dataset.status = registration.status;
  form.hidden = true;
  status.textContent = '';
  result.hidden = false;
  title.focus();
}

type Refusal = { status: number; problem: Problem; later: boolean };

/** Puts each of the answer's complaints next to its field; false when it is not about the fields. */
function placeErrors({ status, problem, later }: Refusal): boolean {
  const errors = problem.errors ?? [];
  if (status === 400) return errors.length > 0 && showFieldErrors(errors);
  // A 409 that asks to be retried is this same form still being registered, not a refusal.
  if (status !== 409 || later) return false;
  if (errors.some(({ path }) => path === 'email')) {
    setFieldError('email', t('register.error.duplicate'));
  } else {
    // The category's window closed between loading the page and sending the form.
    setFieldError('category', t('register.error.closed'));
    void loadCategories();
  }
  return true;
}

function showProblem(answer: Refusal): void {
  if (placeErrors(answer)) {
    status.textContent = t('register.fixErrors');
    focusFirstError();
    return;
  }
  status.textContent = t(answer.status === 0 ? 'api.offline' : answer.later ? 'api.busy' : 'api.failed');
  submitButton.focus();
}

/** How often a solution refused as too easy or expired is replaced by a new one before giving up. */
const solveAttempts = 3;

/**
 * Solves a proof-of-work challenge in the page, then sends the registration with it. A busy address
 * (a delegation on one hotel network) can outgrow its challenge while solving: it solves again.
 */
async function sendRegistration(body: ReturnType<typeof formBody>) {
  for (let attempt = 1; ; attempt += 1) {
    status.textContent = t('api.solving', { percent: 0 });
    const solution = await solveFor('registration', body.email, (tried) => {
      status.textContent = t('api.solving', { percent: Math.floor(tried * 100) });
    });
    if (!solution.ok) return solution;
    status.textContent = t('register.sending');
    const answer = await callApi('POST /api/registrations', {
      json: { ...body, altcha: solution.altcha },
      headers: { 'idempotency-key': idempotencyKey },
    });
    if (answer.ok || attempt === solveAttempts || !wantsNewChallenge(answer.status, answer.problem))
      return answer;
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (sending) return;
  sending = true;
  submitButton.disabled = true;
  clearErrors();
  keyUsed = true;
  const answer = await sendRegistration(formBody());
  sending = false;
  submitButton.disabled = false;
  if (answer.ok) showResult(answer.data);
  else {
    // The server refused this body for good: whatever is sent next is a new request.
    if (answer.status === 422) idempotencyKey = crypto.randomUUID();
    status.textContent = '';
    showProblem(answer);
  }
});

function formEdited(): void {
  if (!keyUsed) return;
  idempotencyKey = crypto.randomUUID();
  keyUsed = false;
}

form.addEventListener('input', formEdited);
form.addEventListener('change', (event) => {
  formEdited();
  // The browser's own checks give an early hint; the server still has the last word on submit.
  const control = event.target as HTMLInputElement;
  const key = fieldMessages[control.name];
  if (!key || control.type === 'radio') return;
  setFieldError(control.name, control.checkValidity() ? '' : t(key));
});

form.hidden = false;
void loadCategories();
