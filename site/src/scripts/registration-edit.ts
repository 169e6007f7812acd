import type { KeyWithPrefix } from '../i18n/ui.ts';
import { type AnswerBody, callApi, type FieldError } from './api.ts';
import { byId } from './dom.ts';
import { fieldErrors } from './field-errors.ts';
import type { OrganizerContext } from './organizer-figures.ts';
import type { PageText } from './page-text.ts';

type Row = AnswerBody<'GET /api/admin/registrations', 200>['items'][number];

export interface EditContext extends OrganizerContext {
  text: PageText<KeyWithPrefix<'organizer.' | 'status.' | 'api.'>>;
}

const dialog = byId<HTMLDialogElement>('edit-dialog');
const form = byId<HTMLFormElement>('edit-form');
const status = byId('edit-status');
const errors = fieldErrors(form);
const reasonInput = byId<HTMLInputElement>('edit-reason');
/** The reason's longest length, as the page wrote it from the API's limit. */
const reasonMax = reasonInput.maxLength;

/** Which message each field's error shows, in the page's language (the API's own are English). */
const messages: Record<string, KeyWithPrefix<'organizer.error.'>> = {
  name: 'organizer.error.name',
  organization: 'organizer.error.text',
  country: 'organizer.error.country',
  email: 'organizer.error.email',
  reason: 'organizer.error.reason',
};

/** The registration being corrected, what to do with the answer, and the organizer's context. */
let editing: { row: Row; context: EditContext; saved: (row: Row) => void } | undefined;

const control = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;

/** Opens the dialog filled with the row's values; `saved` gets the row as the server answers it. */
export function openEditDialog(row: Row, context: EditContext, saved: (row: Row) => void): void {
  editing = { row, context, saved };
  form.reset();
  errors.clear();
  status.textContent = '';
  control('name').value = row.name;
  control('organization').value = row.organization ?? '';
  control('country').value = row.country;
  control('email').value = row.email;
  dialog.showModal();
  control('name').focus();
}

function showErrors(found: readonly FieldError[], t: EditContext['text']['t']): void {
  for (const { path } of found) {
    const field = path.split('.')[0] ?? '';
    const key = messages[field];
    if (key) errors.show(field, t(key, { max: reasonMax }));
  }
  const first = errors.firstInError();
  if (first) control(first).focus();
}

async function save(): Promise<void> {
  if (!editing) return;
  const { row, context, saved } = editing;
  const { t } = context.text;
  errors.clear();
  const value = (name: string) => control(name).value.trim();
  const answer = await callApi('PATCH /api/admin/registrations/{id}', {
    path: { id: row.id },
    json: {
      name: value('name'),
      organization: value('organization'),
      country: value('country'),
      email: value('email'),
      reason: value('reason'),
    },
    token: context.token,
  });
  if (answer.status === 401 || answer.status === 403) {
    dialog.close();
    return context.refused(answer.status);
  }
  if (answer.ok) {
    dialog.close();
    editing = undefined;
    saved(answer.data);
    return;
  }
  const fields = answer.problem.errors ?? [];
  if (answer.status === 409 && fields.some(({ path }) => path === 'email')) {
    errors.show('email', t('organizer.error.emailTaken'));
    control('email').focus();
  } else if (answer.status === 400 && fields.length) {
    showErrors(fields, t);
  } else if (answer.status === 404 || answer.status === 409 || answer.status === 410) {
    status.textContent = t('organizer.editGone');
  } else {
    status.textContent = t(answer.status === 0 ? 'api.offline' : 'api.failed');
  }
}

/** Wires the dialog's buttons once. */
export function setUpEditDialog(): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save();
  });
  byId('edit-cancel').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    editing = undefined;
  });
}
