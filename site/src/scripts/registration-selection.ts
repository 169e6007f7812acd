import type { KeyWithPrefix } from '../i18n/ui.ts';
import { type AnswerBody, callApi, fetchFile } from './api.ts';
import { byId, saveFile } from './dom.ts';
import type { OrganizerContext } from './organizer-figures.ts';
import type { PageText } from './page-text.ts';

/** What the selection's actions need: the signed-in organizer, and the list to reload after a change. */
export interface SelectionContext extends OrganizerContext {
  text: PageText<KeyWithPrefix<'organizer.' | 'status.' | 'api.'>>;
  /** Called after decisions changed the counts. */
  decided(): void;
}

type BulkAnswer = AnswerBody<'POST /api/admin/registrations/decisions', 200>;

const bar = document.querySelector<HTMLElement>('.selection-bar');
/** The most registrations one action takes: the routes' own limit, put on the bar by the page. */
const limit = Number(bar?.dataset.limit ?? 200);
const count = byId('selection-count');
const pageBox = byId<HTMLInputElement>('select-page');
const buttons = {
  approve: byId<HTMLButtonElement>('approve-selected'),
  reject: byId<HTMLButtonElement>('reject-selected'),
  export: byId<HTMLButtonElement>('export-selected'),
  clear: byId<HTMLButtonElement>('clear-selection'),
};
const dialogs = {
  approve: byId<HTMLDialogElement>('bulk-approve-dialog'),
  reject: byId<HTMLDialogElement>('bulk-reject-dialog'),
};
const rows = byId('registration-rows');
const listStatus = byId('list-status');

/** The selected registrations by id, kept across pages until an action or a new filter clears it. */
const selected = new Map<string, string>();

const rowBoxes = () => [...rows.querySelectorAll<HTMLInputElement>('input[type="checkbox"][data-id]')];

/** The count, the buttons and the page's "all" box, as the selection now stands. */
function refresh(text: SelectionContext['text'] | undefined): void {
  const boxes = rowBoxes();
  const checked = boxes.filter((box) => box.checked).length;
  pageBox.checked = boxes.length > 0 && checked === boxes.length;
  pageBox.indeterminate = checked > 0 && checked < boxes.length;
  const tooMany = selected.size > limit;
  if (text) {
    count.textContent = tooMany
      ? `${text.t('organizer.selected', { count: selected.size })} ${text.t('organizer.selectionTooLarge', { max: limit })}`
      : selected.size
        ? text.t('organizer.selected', { count: selected.size })
        : text.t('organizer.selectedNone');
  }
  for (const action of ['approve', 'reject', 'export'] as const) {
    buttons[action].disabled = selected.size === 0 || tooMany;
  }
  buttons.clear.disabled = selected.size === 0;
}

/** The first cell of a row: its box, checked while the registration is selected. */
export function selectionCell(id: string, name: string, context: SelectionContext): HTMLTableCellElement {
  const cell = document.createElement('td');
  cell.className = 'select-cell';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.dataset.id = id;
  box.checked = selected.has(id);
  box.setAttribute('aria-label', context.text.t('organizer.selectRow', { name }));
  box.addEventListener('change', () => {
    if (box.checked) selected.set(id, name);
    else selected.delete(id);
    refresh(context.text);
  });
  cell.append(box);
  return cell;
}

/** After a page of rows is shown: the "all on this page" box follows it. */
export const pageShown = (context: SelectionContext) => refresh(context.text);

/** A new filter shows other registrations: a selection the reader can no longer see is dropped. */
export function clearSelection(context: SelectionContext | undefined): void {
  selected.clear();
  for (const box of rowBoxes()) box.checked = false;
  refresh(context?.text);
}

function summary({ counts, results }: BulkAnswer, context: SelectionContext): string {
  const reasons = { no_seat: 0, not_pending: 0, not_found: 0 };
  for (const result of results) if (result.result === 'refused') reasons[result.reason] += 1;
  return context.text.t('organizer.bulkDone', {
    ...counts,
    noSeat: reasons.no_seat,
    notPending: reasons.not_pending,
    notFound: reasons.not_found,
  });
}

async function decideSelected(
  decision: 'approve' | 'reject',
  context: SelectionContext,
  reload: () => Promise<void>,
): Promise<void> {
  const { t } = context.text;
  listStatus.textContent = t('organizer.loading');
  // No automatic retry: a request that timed out may have decided some; the results say which.
  const answer = await callApi('POST /api/admin/registrations/decisions', {
    json: { decision, ids: [...selected.keys()] },
    token: context.token,
    retries: 0,
  });
  if (answer.status === 401 || answer.status === 403) return context.refused(answer.status);
  if (answer.ok) {
    clearSelection(context);
    await reload();
    listStatus.textContent = summary(answer.data, context);
    context.decided();
  } else {
    listStatus.textContent = t(answer.status === 0 ? 'api.offline' : 'api.failed');
  }
  listStatus.focus();
}

/** Downloads the registrations a selection query names, as the CSV route exports them. */
export async function downloadSelection(
  context: SelectionContext,
  query: Record<string, string>,
): Promise<void> {
  const file = await fetchFile('GET /api/admin/registrations.csv', { token: context.token, query });
  if (!file.ok) {
    if (file.status === 401 || file.status === 403) return context.refused(file.status);
    listStatus.textContent = context.text.t(file.status === 0 ? 'api.offline' : 'api.failed');
    return;
  }
  saveFile(file.blob, file.filename ?? 'registrations.csv');
}

/** Wires the bar, the page's box and the confirmations once; the context comes each time from the page. */
export function setUpSelection(
  currentContext: () => SelectionContext | undefined,
  reload: () => Promise<void>,
): void {
  pageBox.addEventListener('change', () => {
    // Read once: each row's change refreshes the page's box as the rows stand so far.
    const wanted = pageBox.checked;
    for (const box of rowBoxes()) {
      if (box.checked !== wanted) {
        box.checked = wanted;
        box.dispatchEvent(new Event('change'));
      }
    }
    refresh(currentContext()?.text);
  });
  buttons.clear.addEventListener('click', () => clearSelection(currentContext()));
  buttons.export.addEventListener('click', () => {
    const context = currentContext();
    if (context) void downloadSelection(context, { ids: [...selected.keys()].join(',') });
  });
  for (const decision of ['approve', 'reject'] as const) {
    const dialog = dialogs[decision];
    buttons[decision].addEventListener('click', () => {
      const context = currentContext();
      if (!context) return;
      const key = decision === 'approve' ? 'organizer.bulkApproveText' : 'organizer.bulkRejectText';
      byId(`bulk-${decision}-text`).textContent = context.text.t(key, { count: selected.size });
      dialog.showModal();
    });
    dialog.addEventListener('close', () => {
      const context = currentContext();
      if (dialog.returnValue === decision && context) void decideSelected(decision, context, reload);
      dialog.returnValue = '';
    });
  }
}
