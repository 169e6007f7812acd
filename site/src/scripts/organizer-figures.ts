import { noReceiptVersion } from '../../../functions/domain/registration-model.ts';
import { countryNamer } from '../i18n/countries.ts';
import { intlLocale } from '../i18n/locales.ts';
import type { KeyWithPrefix } from '../i18n/ui.ts';
import { type AnswerBody, callApi } from './api.ts';
import { byId } from './dom.ts';
import type { PageText } from './page-text.ts';

export type Statistics = AnswerBody<'GET /api/admin/stats', 200>;
type CategoryFigures = Statistics['categories'][string];

export interface OrganizerContext {
  token: string;
  text: PageText<KeyWithPrefix<'organizer.' | 'api.'>>;
  /** Category names by id, in the page's language. */
  categoryNames: Record<string, string>;
  /** Announces an outcome in the page's status region. */
  announce(message: string): void;
  /** Signs out or explains, when the API refuses the token (401, 403). */
  refused(status: number): void;
}

function cell(tag: 'td' | 'th', content: string): HTMLTableCellElement {
  const node = document.createElement(tag);
  node.textContent = content;
  if (tag === 'th') node.scope = 'row';
  return node;
}

function renderCategoryTable(
  stats: Statistics,
  { categoryNames }: OrganizerContext,
  number: Intl.NumberFormat,
) {
  byId('by-category').replaceChildren(
    ...Object.entries(stats.categories).map(([id, figures]) => {
      const row = document.createElement('tr');
      const { capacity, confirmed, waitlisted, pending, checkedIn } = figures;
      row.append(
        cell('th', categoryNames[id] ?? id),
        ...[capacity, confirmed, waitlisted, pending, checkedIn].map((value) =>
          cell('td', number.format(value)),
        ),
      );
      return row;
    }),
  );
}

/** The ten countries with most registrations, as bars scaled to the largest. */
function renderTopCountries(stats: Statistics, { text }: OrganizerContext, number: Intl.NumberFormat) {
  const nameOf = countryNamer(text.locale);
  const top = Object.entries(stats.byCountry)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 10);
  const largest = top[0]?.[1] ?? 1;
  const bars = top.map(([code, count]) => {
    const item = document.createElement('li');
    const label = document.createElement('span');
    label.className = 'bar-label';
    label.textContent = nameOf(code);
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.style.setProperty('--share', `${(count / largest) * 100}%`);
    const value = document.createElement('span');
    value.className = 'bar-value';
    value.textContent = number.format(count);
    item.append(label, bar, value);
    return item;
  });
  if (bars.length === 0) {
    const none = document.createElement('li');
    none.textContent = text.t('organizer.noCountries');
    bars.push(none);
  }
  byId('top-countries').replaceChildren(...bars);
}

function capacityForm(id: string, figures: CategoryFigures, context: OrganizerContext): HTMLFormElement {
  const { t } = context.text;
  const form = document.createElement('form');
  form.className = 'capacity-form';
  form.noValidate = true;
  form.dataset.category = id;
  const fieldId = `capacity-${id}`;
  form.innerHTML = `
    <label for="${fieldId}"></label>
    <p class="hint" id="${fieldId}-hint"></p>
    <div class="inline-field">
      <input id="${fieldId}" name="capacity" type="number" min="0" step="1" inputmode="numeric" required
        aria-describedby="${fieldId}-hint ${fieldId}-error">
      <button type="submit" class="button secondary"></button>
    </div>
    <p class="field-error" id="${fieldId}-error"></p>`;
  (form.querySelector('label') as HTMLLabelElement).textContent = context.categoryNames[id] ?? id;
  (form.querySelector('button') as HTMLButtonElement).textContent = t('organizer.save');
  (form.querySelector('input') as HTMLInputElement).value = String(figures.capacity);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void saveCapacity(form, id, context);
  });
  return form;
}

function showCapacityError(form: HTMLFormElement, message: string): void {
  const input = form.querySelector('input') as HTMLInputElement;
  (form.querySelector('.field-error') as HTMLElement).textContent = message;
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  if (message) input.focus();
}

async function saveCapacity(form: HTMLFormElement, id: string, context: OrganizerContext): Promise<void> {
  const { t } = context.text;
  const input = form.querySelector('input') as HTMLInputElement;
  const capacity = Number(input.value);
  if (input.value === '' || !Number.isInteger(capacity) || capacity < 0) {
    return showCapacityError(form, t('organizer.invalidCapacity'));
  }
  const button = form.querySelector('button') as HTMLButtonElement;
  button.disabled = true;
  const answer = await callApi('PUT /api/admin/categories/{id}', {
    path: { id },
    token: context.token,
    json: { capacity },
  });
  button.disabled = false;
  if (answer.status === 401 || answer.status === 403) return context.refused(answer.status);
  if (answer.ok) {
    showCapacityError(form, '');
    context.announce(t('organizer.saved', { category: context.categoryNames[id] ?? id }));
    await loadFigures(context);
    return;
  }
  if (answer.status === 0 || answer.status >= 500) {
    return context.announce(t(answer.status === 0 ? 'api.offline' : 'api.failed'));
  }
  // Below the confirmed count, which may have grown since the figures on screen were loaded.
  const count = (await loadFigures(context))?.categories[id]?.confirmed;
  showCapacityError(
    form,
    answer.status === 409 && count !== undefined
      ? t('organizer.belowConfirmed', { count })
      : t('organizer.invalidCapacity'),
  );
}

/**
 * Live registrations per privacy notice version agreed to, newest version first: after a change of
 * the notice, organizers see how many agreed to which.
 */
function renderNoticeVersions(stats: Statistics, { text }: OrganizerContext, number: Intl.NumberFormat) {
  const versions = Object.entries(stats.byNoticeVersion).sort(([a], [b]) => b.localeCompare(a));
  const items = versions.map(([version, count]) => {
    const item = document.createElement('li');
    item.textContent = text.t(
      version === noReceiptVersion ? 'organizer.noticeNone' : 'organizer.noticeVersion',
      {
        version,
        count: number.format(count),
      },
    );
    return item;
  });
  if (items.length === 0) {
    const none = document.createElement('li');
    none.textContent = text.t('organizer.noCountries');
    items.push(none);
  }
  byId('notice-versions').replaceChildren(...items);
}

/** Figures and capacity forms from GET /api/admin/stats; the forms keep what is being typed. */
export async function loadFigures(context: OrganizerContext): Promise<Statistics | undefined> {
  const answer = await callApi('GET /api/admin/stats', { token: context.token });
  if (!answer.ok) {
    if (answer.status === 401 || answer.status === 403) context.refused(answer.status);
    else context.announce(context.text.t(answer.status === 0 ? 'api.offline' : 'api.failed'));
    return undefined;
  }
  const stats = answer.data;
  const { t, locale } = context.text;
  const number = new Intl.NumberFormat(intlLocale[locale]);
  byId('figure-checked-in').textContent = number.format(stats.checkedIn);
  byId('figure-overseas').textContent = new Intl.NumberFormat(intlLocale[locale], {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(stats.overseasShare);
  renderCategoryTable(stats, context, number);
  renderTopCountries(stats, context, number);
  renderNoticeVersions(stats, context, number);

  const forms = byId('capacity-forms');
  for (const [id, figures] of Object.entries(stats.categories)) {
    const form =
      forms.querySelector<HTMLFormElement>(`form[data-category="${id}"]`) ??
      forms.appendChild(capacityForm(id, figures, context));
    (form.querySelector('.hint') as HTMLElement).textContent = t('organizer.capacityMinimum', {
      count: number.format(figures.confirmed),
    });
  }
  return stats;
}
