import { reviewLimits } from '../../../functions/contract/limits.ts';
import { type OpeningSchedule, stateAt } from '../../../functions/domain/opening-schedule.ts';
import { intlLocale } from '../i18n/locales.ts';
import { type AnswerBody, callApi, type Problem } from './api.ts';
import { byId } from './dom.ts';
import { pageText } from './page-text.ts';
import { solveFor } from './proof-of-work.ts';

type Review = AnswerBody<'POST /api/venues/{id}/reviews', 201>;

const root = byId('venue');
const { t, locale } = pageText<'venue.' | 'api.'>(root);
const reviewsSection = byId('reviews');
const venueId = reviewsSection.dataset.venue ?? '';

const shanghaiTime = new Intl.DateTimeFormat(intlLocale[locale], {
  timeZone: 'Asia/Shanghai',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function showOpenNow(): void {
  const badge = document.getElementById('open-now');
  if (!badge?.dataset.schedule) return;
  const found = stateAt(JSON.parse(badge.dataset.schedule) as OpeningSchedule, new Date());
  // A page older than its schedule says nothing rather than something stale.
  if (!found) return;
  const key =
    found.state === 'open' ? 'venue.open' : found.state === 'closed' ? 'venue.closed' : 'venue.unknown';
  let label = t(key);
  if (found.next && found.state !== 'unknown') {
    const time = shanghaiTime.format(found.next);
    label += ` · ${t(found.state === 'open' ? 'venue.closesAt' : 'venue.opensAt', { time })}`;
  }
  badge.textContent = label;
  badge.dataset.state = found.state;
  badge.hidden = false;
}

const dateFormat = new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'medium' });
const list = byId<HTMLOListElement>('review-list');
const listStatus = byId('reviews-status');
const moreButton = byId<HTMLButtonElement>('reviews-more');
const average = byId('rating-average');
let cursor: string | undefined;

/** Builds a review from text nodes only: whatever a reviewer typed is shown, never run. */
function reviewItem(review: Review): HTMLLIElement {
  const item = document.createElement('li');
  const stars = document.createElement('p');
  stars.className = 'review-stars';
  const shown = document.createElement('span');
  shown.setAttribute('aria-hidden', 'true');
  const rating = Math.max(0, Math.min(5, Math.round(review.rating)));
  shown.textContent = '★'.repeat(rating) + '☆'.repeat(5 - rating);
  const spoken = document.createElement('span');
  spoken.className = 'visually-hidden';
  spoken.textContent = t('venue.reviews.stars', { rating });
  stars.append(shown, spoken);
  const comment = document.createElement('p');
  comment.className = 'review-comment';
  comment.textContent = review.comment;
  const meta = document.createElement('p');
  meta.className = 'review-meta';
  const date = new Date(review.createdAt);
  meta.textContent = t('venue.reviews.by', {
    author: review.author,
    date: Number.isNaN(date.getTime()) ? '' : dateFormat.format(date),
  });
  item.append(stars, comment, meta);
  return item;
}

function apiMessage(status: number, problem: Problem, later: boolean): string {
  if (status === 0) return t('api.offline');
  if (later || status === 503) return t('api.busy');
  return problem.detail && status < 500 ? problem.detail : t('api.failed');
}

/** The rating as last shown; a new review updates it here, since the API's answer may be cached. */
let shownRating: { average: number; count: number } | undefined;

function showRating(rating: { average: number | null; count: number } | undefined): void {
  if (!rating?.count || rating.average === null) {
    average.textContent = t('venue.ratingNone');
    return;
  }
  shownRating = { average: rating.average, count: rating.count };
  const value = new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits: 1 }).format(
    rating.average,
  );
  average.textContent = t(rating.count === 1 ? 'venue.ratingValueOne' : 'venue.ratingValue', {
    average: value,
    count: rating.count,
  });
}

async function loadRating(): Promise<void> {
  const answer = await callApi('GET /api/venues/{id}', { path: { id: venueId } });
  if (answer.ok) showRating(answer.data.rating);
  else average.textContent = '—';
}

function addToRating(rating: number): void {
  const { average: before = 0, count = 0 } = shownRating ?? {};
  showRating({ average: (before * count + rating) / (count + 1), count: count + 1 });
}

/**
 * Reviews and the rating come only from the API, never from a copy on the device: staff may hide a
 * review and the retention rule removes old ones' authors and comments, which a copy would outlive.
 * Offline the page says so and loads them once the connection returns.
 */
let reloadPending = false;
function reloadWhenOnline(): void {
  // Each failed load (a "More" tapped offline) would otherwise add a listener and load the same page again.
  if (reloadPending) return;
  reloadPending = true;
  window.addEventListener(
    'online',
    () => {
      reloadPending = false;
      void loadRating();
      void loadReviews();
    },
    { once: true },
  );
}

async function loadReviews(): Promise<void> {
  listStatus.textContent = t('venue.reviews.loading');
  moreButton.disabled = true;
  const answer = await callApi('GET /api/venues/{id}/reviews', {
    path: { id: venueId },
    query: { limit: 10, cursor },
  });
  moreButton.disabled = false;
  if (!answer.ok && answer.status === 0) {
    listStatus.textContent = t('venue.reviews.offline');
    reloadWhenOnline();
    return;
  }
  if (!answer.ok) {
    listStatus.textContent = `${t('venue.reviews.failed')} ${apiMessage(answer.status, answer.problem, answer.later)}`;
    return;
  }
  list.append(...answer.data.items.map(reviewItem));
  cursor = answer.data.nextCursor ?? undefined;
  moreButton.hidden = !cursor;
  listStatus.textContent = list.childElementCount === 0 ? t('venue.reviews.empty') : '';
}

const form = byId<HTMLFormElement>('review-form');
const formStatus = byId('review-form-status');
const submitButton = form.querySelector('button[type="submit"]') as HTMLButtonElement;
const fields = ['rating', 'comment', 'author'] as const;
type Field = (typeof fields)[number];

function setFieldError(field: Field, message: string): void {
  const slot = form.querySelector<HTMLElement>(`[data-error-for="${field}"]`);
  if (slot) slot.textContent = message;
  for (const control of form.querySelectorAll<HTMLInputElement>(`[name="${field}"]`)) {
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  }
}

function focusFirstError(): void {
  const field = fields.find((each) => form.querySelector(`[data-error-for="${each}"]`)?.textContent);
  if (field) form.querySelector<HTMLInputElement>(`[name="${field}"]`)?.focus();
}

/** The same limits the API applies, checked first so a reader need not wait for the answer. */
function checkLocally(data: FormData): Field[] {
  const problems: Field[] = [];
  const rating = Number(data.get('rating'));
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) problems.push('rating');
  const comment = String(data.get('comment') ?? '').trim();
  if (comment.length < 1 || comment.length > reviewLimits.comment) problems.push('comment');
  const author = String(data.get('author') ?? '').trim();
  if (author.length < 1 || author.length > reviewLimits.author) problems.push('author');
  return problems;
}

function showErrors(errors: readonly Field[]): void {
  for (const field of fields)
    setFieldError(field, errors.includes(field) ? t(`venue.reviews.error.${field}`) : '');
  formStatus.textContent = errors.length > 0 ? t('venue.reviews.invalid') : '';
  focusFirstError();
}

/** Solves a proof-of-work challenge in the page, showing how far it got, then posts the review with it. */
async function sendReview(body: { rating: number; comment: string; author: string; website?: string }) {
  formStatus.textContent = t('api.solving', { percent: 0 });
  const solution = await solveFor('review', undefined, (tried) => {
    formStatus.textContent = t('api.solving', { percent: Math.floor(tried * 100) });
  });
  if (!solution.ok) return solution;
  formStatus.textContent = t('venue.reviews.sending');
  // Sent once, without callApi's retries: a 429 says to wait minutes, and the reader should know now.
  return callApi('POST /api/venues/{id}/reviews', {
    path: { id: venueId },
    json: { ...body, altcha: solution.altcha },
    retries: 0,
  });
}

async function submitReview(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const data = new FormData(form);
  const problems = checkLocally(data);
  if (problems.length > 0) {
    showErrors(problems);
    return;
  }
  for (const field of fields) setFieldError(field, '');
  submitButton.disabled = true;
  const body = {
    rating: Number(data.get('rating')),
    comment: String(data.get('comment')).trim(),
    author: String(data.get('author')).trim(),
    // The honeypot: empty unless a robot filled it, and then the API refuses the review.
    website: String(data.get('website') ?? '') || undefined,
  };
  const answer = await sendReview(body);
  submitButton.disabled = false;
  if (answer.ok) {
    form.reset();
    formStatus.textContent = t('venue.reviews.posted');
    list.prepend(reviewItem(answer.data));
    listStatus.textContent = '';
    addToRating(body.rating);
    return;
  }
  if (answer.status === 429) {
    const seconds = answer.retryAfterSeconds ?? 60;
    formStatus.textContent = t('venue.reviews.tooMany', { minutes: Math.max(1, Math.ceil(seconds / 60)) });
    return;
  }
  const { problem } = answer;
  if (answer.status === 400 && problem.errors) {
    const fieldsInError = problem.errors
      .map(({ path }) => path.split('.')[0])
      .filter((field): field is Field => fields.includes(field as Field));
    if (fieldsInError.length > 0) {
      showErrors(fieldsInError);
      return;
    }
  }
  formStatus.textContent = apiMessage(answer.status, problem, answer.later);
}

showOpenNow();
void loadRating();
void loadReviews();
moreButton.addEventListener('click', () => void loadReviews());
form.addEventListener('submit', (event) => void submitReview(event));
