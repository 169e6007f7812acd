import { byId, updateLanguageLinks } from './dom.ts';
import { pageText } from './page-text.ts';

const root = byId('program');
const form = byId<HTMLFormElement>('program-filters');
const count = byId('program-count');
const { t } = pageText<'program.filter.' | 'program.now' | 'program.next'>(root);
const cards = [...root.querySelectorAll<HTMLElement>('.session-card')];

/** The filters, each the name of a select in the form and of a query parameter in the address. */
const filterKeys = ['track', 'room', 'type', 'language'] as const;
/** How often the "now and next" marks are brought up to date. */
const markEveryMs = 60_000;

function matches(card: HTMLElement, state: URLSearchParams): boolean {
  return filterKeys.every((key) => {
    const wanted = state.get(key);
    if (!wanted) return true;
    // A session counts for each language it can be followed in: its own, and its interpretation's.
    return key === 'language'
      ? (card.dataset.languages ?? '').split(' ').includes(wanted)
      : card.dataset[key] === wanted;
  });
}

/** Shows the matching sessions, and the slots and days that keep any. */
function filter(state: URLSearchParams): void {
  let shown = 0;
  for (const card of cards) {
    card.hidden = !matches(card, state);
    if (!card.hidden) shown++;
  }
  for (const group of root.querySelectorAll<HTMLElement>('.time-slot, .program-day')) {
    group.hidden = !group.querySelector('.session-card:not([hidden])');
  }
  if (shown === 0) count.textContent = t('program.filter.none');
  else count.textContent = state.size > 0 ? t('program.filter.shown', { shown, total: cards.length }) : '';
}

/** The filters the address names, keeping only values the form offers. */
function stateFromUrl(): URLSearchParams {
  const url = new URLSearchParams(location.search);
  const state = new URLSearchParams();
  for (const key of filterKeys) {
    const select = form.elements.namedItem(key) as HTMLSelectElement;
    const value = url.get(key);
    if (value && [...select.options].some((option) => option.value === value)) state.set(key, value);
  }
  return state;
}

function stateFromForm(): URLSearchParams {
  const state = new URLSearchParams();
  for (const key of filterKeys) {
    const value = (form.elements.namedItem(key) as HTMLSelectElement).value;
    if (value) state.set(key, value);
  }
  return state;
}

/** Filters and records the filters in the address, so a filtered program can be shared. */
function applyForm(): void {
  const state = stateFromForm();
  const query = state.size > 0 ? `?${state}` : '';
  history.replaceState(null, '', `${location.pathname}${query}${location.hash}`);
  updateLanguageLinks(query);
  filter(state);
}

/** Marks the sessions running now and the next ones to start, while the conference is on. */
function markNowAndNext(): void {
  const now = Date.now();
  const spans = cards.map((card) => ({
    card,
    start: Date.parse(card.querySelector('time.start')?.getAttribute('datetime') ?? ''),
    end: Date.parse(card.querySelector('time.end')?.getAttribute('datetime') ?? ''),
  }));
  // From midnight at the venue on the first day, the morning's first sessions are "next".
  const lastEnd = Math.max(...spans.map(({ end }) => end));
  const during = now >= Date.parse(root.dataset.firstMidnight ?? '') && now < lastEnd;
  const nextStart = Math.min(...spans.filter(({ start }) => start > now).map(({ start }) => start));
  for (const { card, start, end } of spans) {
    const mark = !during
      ? undefined
      : start <= now && now < end
        ? 'now'
        : start === nextStart
          ? 'next'
          : undefined;
    const label = card.querySelector<HTMLElement>('.now-mark');
    if (mark) card.dataset.mark = mark;
    else delete card.dataset.mark;
    if (label) {
      label.hidden = !mark;
      label.textContent = mark ? t(mark === 'now' ? 'program.now' : 'program.next') : '';
    }
  }
}

form.addEventListener('change', applyForm);
form.addEventListener('reset', () => {
  // The reset event comes before the form is cleared; the selects read empty on the next task.
  setTimeout(applyForm);
});

const initial = stateFromUrl();
for (const key of filterKeys)
  (form.elements.namedItem(key) as HTMLSelectElement).value = initial.get(key) ?? '';
form.hidden = false;
updateLanguageLinks(initial.size > 0 ? `?${initial}` : '');
filter(initial);
markNowAndNext();
setInterval(markNowAndNext, markEveryMs);
