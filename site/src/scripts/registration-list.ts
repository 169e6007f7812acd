import { formatCheckinCode } from '../../../functions/domain/checkin-code.ts';
import { countryNamer } from '../i18n/countries.ts';
import { type AnswerBody, callApi, fetchFile } from './api.ts';
import { byId, saveFile } from './dom.ts';
import { formatMoment } from './format.ts';
import { openEditDialog, setUpEditDialog } from './registration-edit.ts';
import {
  clearSelection,
  downloadSelection,
  pageShown,
  type SelectionContext,
  selectionCell,
  setUpSelection,
} from './registration-selection.ts';

type Row = AnswerBody<'GET /api/admin/registrations', 200>['items'][number];

type ListContext = SelectionContext;

const filters = byId<HTMLFormElement>('registration-filters');
const rows = byId('registration-rows');
const listStatus = byId('list-status');
const firstPage = byId<HTMLButtonElement>('first-page');
const nextPage = byId<HTMLButtonElement>('next-page');

/** Where the list is: the page number shown, and the cursor that fetched it. */
const position = { page: 1, cursor: undefined as string | undefined, next: null as string | null };

function textCell(content: string): HTMLTableCellElement {
  const cell = document.createElement('td');
  cell.textContent = content;
  return cell;
}

function nameCell(row: Row): HTMLTableCellElement {
  const cell = document.createElement('th');
  cell.scope = 'row';
  cell.textContent = row.name;
  if (row.organization) {
    const organization = document.createElement('span');
    organization.className = 'row-organization';
    organization.textContent = row.organization;
    cell.append(organization);
  }
  return cell;
}

/**
 * A row's button, its action named with the person for screen readers; pressed again only once
 * the action it started has ended.
 */
function rowButton(
  row: Row,
  label: string,
  action: () => Promise<void> | void,
  look: 'primary' | 'secondary' = 'secondary',
): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `button small ${look}`;
  const who = document.createElement('span');
  who.className = 'visually-hidden';
  who.textContent = ` ${row.name}`;
  button.append(label, who);
  button.addEventListener('click', async () => {
    button.disabled = true;
    await action();
    button.disabled = false;
  });
  return button;
}

const decisionButton = (row: Row, decision: 'approve' | 'reject', context: ListContext) =>
  rowButton(
    row,
    context.text.t(`organizer.${decision}`),
    () => decide(row, decision, context),
    decision === 'approve' ? 'primary' : 'secondary',
  );

/** Opens the correction dialog for the row; the saved row replaces it. */
const editButton = (row: Row, context: ListContext) =>
  rowButton(row, context.text.t('organizer.edit'), () =>
    openEditDialog(row, context, (saved) => {
      rows.querySelector(`tr[data-id="${row.id}"]`)?.replaceWith(tableRow(saved, context));
      said(context.text.t('organizer.edited', { name: saved.name }));
    }),
  );

/** The outcome of a row's action takes the focus, as a decision's does. */
function said(line: string): void {
  listStatus.textContent = line;
  listStatus.focus();
}

/** Sends the registrant the message their status implies again (docs/messages.md). */
async function resend(row: Row, context: ListContext): Promise<void> {
  const { t } = context.text;
  // A refusal for a repeat within the minute is the answer to show, not a reason to wait and retry.
  const answer = await callApi('POST /api/admin/registrations/{id}/resend', {
    path: { id: row.id },
    token: context.token,
    retries: 0,
  });
  if (answer.status === 401 || answer.status === 403) return context.refused(answer.status);
  if (answer.ok) {
    const key = answer.data.newManageLink ? 'organizer.resentWithLink' : 'organizer.resent';
    return said(t(key, { name: row.name }));
  }
  const failure =
    answer.status === 429
      ? 'organizer.resendWait'
      : answer.status === 404 || answer.status === 410
        ? 'organizer.editGone'
        : answer.status === 0
          ? 'api.offline'
          : 'api.failed';
  said(t(failure, { name: row.name }));
}

/** The one registrant's badge, A6, as the desk prints it. */
async function printBadge(row: Row, context: ListContext): Promise<void> {
  const { t } = context.text;
  const file = await fetchFile('GET /api/admin/badges.pdf', {
    token: context.token,
    query: { layout: 'a6', ids: row.id },
  });
  if (!file.ok) {
    if (file.status === 401 || file.status === 403) return context.refused(file.status);
    return said(t(file.status === 0 ? 'api.offline' : 'api.failed'));
  }
  saveFile(file.blob, file.filename ?? 'badge.pdf');
  said(t('organizer.badgeSaved', { name: row.name }));
}

/** Registrations that still hold their place can be corrected; cancelled and rejected ones are done. */
const correctable = new Set<Row['status']>(['confirmed', 'waitlisted', 'pending_approval']);

function tableRow(row: Row, context: ListContext): HTMLTableRowElement {
  const { t, locale } = context.text;
  const tr = document.createElement('tr');
  tr.dataset.id = row.id;
  const actions = document.createElement('td');
  actions.className = 'row-actions';
  if (row.status === 'pending_approval') {
    actions.append(decisionButton(row, 'approve', context), decisionButton(row, 'reject', context));
  }
  if (correctable.has(row.status)) actions.append(editButton(row, context));
  actions.append(rowButton(row, t('organizer.resend'), () => resend(row, context)));
  if (row.status === 'confirmed') {
    actions.append(rowButton(row, t('organizer.badge'), () => printBadge(row, context)));
  }
  tr.append(
    selectionCell(row.id, row.name, context),
    nameCell(row),
    textCell(row.email),
    textCell(context.categoryNames[row.category] ?? row.category),
    textCell(countryNamer(locale)(row.country)),
    textCell(t(`status.${row.status}`)),
    textCell(row.checkedInAt ? formatMoment(locale, row.checkedInAt) : ''),
    textCell(formatMoment(locale, row.createdAt)),
    textCell(formatCheckinCode(row.code)),
    actions,
  );
  return tr;
}

async function decide(row: Row, decision: 'approve' | 'reject', context: ListContext): Promise<void> {
  const { t } = context.text;
  const answer = await callApi(`POST /api/admin/registrations/{id}/${decision}`, {
    path: { id: row.id },
    token: context.token,
  });
  if (answer.status === 401 || answer.status === 403) return context.refused(answer.status);
  if (answer.ok) {
    rows.querySelector(`tr[data-id="${row.id}"]`)?.replaceWith(tableRow(answer.data, context));
    listStatus.textContent = t(decision === 'approve' ? 'organizer.approved' : 'organizer.rejected', {
      name: row.name,
    });
    context.decided();
  } else if (answer.status === 409) {
    listStatus.textContent = t('organizer.notPending', { name: row.name });
    await loadPage(context, position.cursor, position.page);
  } else {
    listStatus.textContent = t(answer.status === 0 ? 'api.offline' : 'api.failed');
  }
  // The buttons just pressed are gone: the outcome takes the focus.
  listStatus.focus();
}

/** The filled-in filters (their names are the query's parameters) and the page's cursor. */
function query(cursor: string | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of new FormData(filters)) {
    if (typeof value === 'string' && value.trim()) params[name] = value.trim();
  }
  if (cursor) params.cursor = cursor;
  return params;
}

async function loadPage(context: ListContext, cursor: string | undefined, page: number): Promise<void> {
  const { t } = context.text;
  const answer = await callApi('GET /api/admin/registrations', {
    query: query(cursor),
    token: context.token,
  });
  if (answer.status === 401 || answer.status === 403) return context.refused(answer.status);
  if (!answer.ok) {
    listStatus.textContent = t(answer.status === 0 ? 'api.offline' : 'api.failed');
    return;
  }
  Object.assign(position, { page, cursor, next: answer.data.nextCursor });
  byId('registrations-caption').textContent = t('organizer.caption', { page });
  rows.replaceChildren(...answer.data.items.map((row) => tableRow(row, context)));
  if (answer.data.items.length === 0) {
    const empty = textCell(t('organizer.none'));
    empty.colSpan = rows.closest('table')?.tHead?.rows[0]?.cells.length ?? 1;
    const row = document.createElement('tr');
    row.append(empty);
    rows.append(row);
  }
  firstPage.disabled = page === 1;
  nextPage.disabled = !answer.data.nextCursor;
  pageShown(context);
}

/** Wires the filters, paging and download once; the token comes from the context each time. */
export function setUpRegistrationList(currentContext: () => ListContext | undefined): void {
  const withContext = (action: (context: ListContext) => Promise<void>) => () => {
    const context = currentContext();
    if (context) void action(context);
  };
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    clearSelection(currentContext());
    withContext((context) => loadPage(context, undefined, 1))();
  });
  firstPage.addEventListener(
    'click',
    withContext((context) => loadPage(context, undefined, 1)),
  );
  nextPage.addEventListener(
    'click',
    withContext((context) => loadPage(context, position.next ?? undefined, position.page + 1)),
  );
  byId('download-csv').addEventListener(
    'click',
    withContext((context) => downloadSelection(context, {})),
  );
  byId('export-filtered').addEventListener(
    'click',
    withContext((context) => downloadSelection(context, query(undefined))),
  );
  setUpSelection(currentContext, async () => {
    const context = currentContext();
    if (context) await loadPage(context, position.cursor, position.page);
  });
  setUpEditDialog();
}

export const loadFirstPage = (context: ListContext) => loadPage(context, undefined, 1);
