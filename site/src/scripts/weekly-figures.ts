import { requestStates } from '../../../functions/domain/resident-affairs/model.ts';
import type { KeyWithPrefix } from '../i18n/ui.ts';
import { type AnswerBody, callApi } from './api.ts';
import { byId } from './dom.ts';
import { formatDay } from './format.ts';
import { type PageText, pageText } from './page-text.ts';

type Figures = AnswerBody<'GET /api/resident-affairs/figures', 200>;
type Text = PageText<KeyWithPrefix<'figures.' | 'request.state.'>>;

const root = byId('report');
const text: Text = pageText<'figures.' | 'request.state.'>(root);
const status = byId('figures-status');

/** "45 min", "3 h 20 min", "2 d 4 h": a median time, as precise as it is worth reading. */
function duration({ t }: Text, minutes: number): string {
  const whole = Math.round(minutes);
  if (whole < 60) return t('figures.minutes', { count: whole });
  if (whole < 24 * 60) return t('figures.hours', { hours: Math.floor(whole / 60), minutes: whole % 60 });
  return t('figures.days', { days: Math.floor(whole / 1440), hours: Math.floor((whole % 1440) / 60) });
}

const medianText = (minutes: number | null, count: number) =>
  minutes === null
    ? text.t('figures.none')
    : text.t('figures.over', { time: duration(text, minutes), count });

function cell(tag: 'td' | 'th', content: string | number, scope?: 'row' | 'col'): HTMLTableCellElement {
  const element = document.createElement(tag);
  element.textContent = String(content);
  if (scope) element.scope = scope;
  return element;
}

function table(figures: Figures): HTMLTableElement {
  const { t, locale } = text;
  const element = document.createElement('table');
  const caption = element.createCaption();
  // The week ends on the next Monday at midnight: its last day is the Sunday before.
  const lastDay = new Date(Date.parse(figures.weekEnd) - 1).toISOString();
  caption.textContent = t('figures.caption', {
    start: formatDay(locale, figures.weekStart),
    end: formatDay(locale, lastDay),
  });
  const head = element.createTHead().insertRow();
  head.append(
    cell('th', t('figures.service'), 'col'),
    ...requestStates.map((state) => cell('th', t(`request.state.${state}`), 'col')),
    cell('th', t('figures.total'), 'col'),
  );
  const body = element.createTBody();
  for (const row of figures.byService) {
    body
      .insertRow()
      .append(
        cell('th', row.serviceName, 'row'),
        ...requestStates.map((state) => cell('td', row.byState[state])),
        cell('td', row.total),
      );
  }
  const foot = element.createTFoot().insertRow();
  foot.append(
    cell('th', t('figures.all'), 'row'),
    ...requestStates.map((state) =>
      cell(
        'td',
        figures.byService.reduce((sum, row) => sum + row.byState[state], 0),
      ),
    ),
    cell('td', figures.total),
  );
  return element;
}

async function load(): Promise<void> {
  status.textContent = text.t('figures.loading');
  const answer = await callApi('GET /api/resident-affairs/figures', { query: { locale: text.locale } });
  if (!answer.ok) {
    status.textContent = text.t('figures.failed');
    return;
  }
  const figures = answer.data;
  status.textContent = '';
  byId('figures-first-response').textContent = medianText(
    figures.medianFirstResponseMinutes,
    figures.firstResponses,
  );
  byId('figures-resolution').textContent = medianText(figures.medianResolutionMinutes, figures.resolutions);
  byId('figures-times').hidden = false;
  const holder = byId('figures-table');
  const shown = table(figures);
  holder.replaceChildren(shown);
  // A table wider than a phone scrolls on its own, so keyboards can scroll it too.
  holder.tabIndex = 0;
  holder.setAttribute('role', 'region');
  holder.setAttribute('aria-label', shown.caption?.textContent ?? '');
}

void load();
