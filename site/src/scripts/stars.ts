import { byId } from './dom.ts';
import { pageText } from './page-text.ts';

/** The agenda script listens for this to redraw when a star changes, here or in another tab. */
export const agendaChange = 'agenda-change';

const status = byId('agenda-status');
const { t } = pageText<'agenda.added' | 'agenda.removed'>(status);
const storageKey = status.dataset.storageKey ?? 'wuzhen-agenda';

/** The ids of the sessions the reader starred, kept in this browser only. */
export function starredIds(): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    // Storage another script (or a hand) spoiled reads as an empty agenda rather than a broken page.
    return [];
  }
}

export function saveStarred(ids: readonly string[]): void {
  localStorage.setItem(storageKey, JSON.stringify([...new Set(ids)]));
  document.dispatchEvent(new Event(agendaChange));
}

/** Shows every star button with the state the stored agenda gives it. */
export function syncStars(): void {
  const starred = new Set(starredIds());
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-star]')) {
    button.setAttribute('aria-pressed', String(starred.has(button.dataset.star ?? '')));
    button.hidden = false;
  }
}

// One listener for every star, including those the agenda page draws later.
document.addEventListener('click', (event) => {
  const button = (event.target as Element).closest<HTMLButtonElement>('button[data-star]');
  if (!button) return;
  const id = button.dataset.star ?? '';
  const ids = starredIds();
  const adding = !ids.includes(id);
  saveStarred(adding ? [...ids, id] : ids.filter((each) => each !== id));
  syncStars();
  status.textContent = t(adding ? 'agenda.added' : 'agenda.removed', { title: button.dataset.title ?? '' });
});
window.addEventListener('storage', (event) => {
  if (event.key !== storageKey) return;
  syncStars();
  document.dispatchEvent(new Event(agendaChange));
});
syncStars();
