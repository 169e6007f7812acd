import { intlLocale } from '../i18n/locales.ts';
import type { KeyWithPrefix } from '../i18n/ui.ts';
import type { AnswerBody } from './api.ts';
import { formatDay } from './format.ts';
import type { PageText } from './page-text.ts';

/** A category as GET /api/categories describes it; `open` is by the server's clock. */
export type Category = AnswerBody<'GET /api/categories', 200>['items'][number];

type Text = PageText<KeyWithPrefix<'register.'>>;

/** What a reader weighs before choosing: seats or the waiting list, approval, and the deadline. */
function categoryNotes(category: Category, { t, locale }: Text): string[] {
  if (!category.open) {
    const opensLater = category.opensAt !== undefined && Date.parse(category.opensAt) > Date.now();
    return [
      opensLater && category.opensAt
        ? t('register.opens', { date: formatDay(locale, category.opensAt) })
        : t('register.closed'),
    ];
  }
  const count = new Intl.NumberFormat(intlLocale[locale]).format(category.seatsLeft);
  const notes = [category.seatsLeft > 0 ? t('register.seatsLeft', { count }) : t('register.waitingList')];
  if (category.needsApproval) notes.push(t('register.needsApproval'));
  if (category.closesAt) notes.push(t('register.closes', { date: formatDay(locale, category.closesAt) }));
  return notes;
}

function categoryChoice(category: Category, text: Text, checked: boolean): HTMLElement {
  const id = `category-${category.id}`;
  const input = document.createElement('input');
  Object.assign(input, { type: 'radio', name: 'category', id, value: category.id, required: true });
  input.disabled = !category.open;
  input.checked = checked && category.open;
  input.setAttribute('aria-describedby', `${id}-note category-error`);

  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = category.name[text.locale];

  const note = document.createElement('p');
  note.id = `${id}-note`;
  note.className = 'choice-note';
  note.textContent = categoryNotes(category, text).join(' · ');

  const choice = document.createElement('div');
  choice.className = 'choice';
  choice.append(input, label, note);
  return choice;
}

/** Fills the category radio group, keeping the reader's choice while it is still open. */
export function renderCategoryChoices(
  container: HTMLElement,
  categories: readonly Category[],
  text: Text,
  selected: string | undefined,
): void {
  container.replaceChildren(
    ...categories.map((category) => categoryChoice(category, text, category.id === selected)),
  );
}
