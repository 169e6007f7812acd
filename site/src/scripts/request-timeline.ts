import type {
  Department,
  RequestState,
  TimelineKind,
} from '../../../functions/domain/resident-affairs/model.ts';
import type { KeyWithPrefix } from '../i18n/ui.ts';
import { formatMoment } from './format.ts';
import type { PageText } from './page-text.ts';

/** One step as both the follow page and the staff desk receive it; staff see internal notes and who acted. */
export interface TimelineStep {
  at: string;
  kind: TimelineKind;
  state?: RequestState;
  text?: string;
  department?: Department;
  staff?: string;
}

type Text = PageText<KeyWithPrefix<'request.'>>;

/** What happened at one step, in the reader's language. */
function headline({ t }: Text, step: TimelineStep, departments: Record<string, string>): string {
  if (step.kind === 'state') return step.state ? t(`request.state.${step.state}`) : '';
  if (step.kind === 'assignment') {
    return t('request.kind.assignment', {
      department: departments[step.department ?? ''] ?? step.department ?? '',
    });
  }
  return t(`request.kind.${step.kind}`);
}

/**
 * Fills an <ol> with the steps, oldest first: each with its time and, for a note or a state change
 * given with one, its text; an internal note is marked as such (staff only ever see those).
 */
export function renderTimeline(
  list: HTMLOListElement,
  steps: readonly TimelineStep[],
  text: Text,
  departments: Record<string, string>,
  /** How the staff desk names who acted; the follow page never receives it. */
  actedBy?: (staff: string) => string,
): void {
  list.replaceChildren(
    ...steps.map((step) => {
      const item = document.createElement('li');
      item.dataset.kind = step.kind;
      const time = document.createElement('time');
      time.dateTime = step.at;
      time.textContent = formatMoment(text.locale, step.at);
      const title = document.createElement('strong');
      title.textContent = headline(text, step, departments);
      item.append(time, ' ', title);
      if (step.staff && actedBy) {
        const who = document.createElement('span');
        who.className = 'small';
        who.textContent = ` · ${actedBy(step.staff)}`;
        item.append(who);
      }
      if (step.text) {
        const note = document.createElement('p');
        note.className = 'own-words';
        note.textContent = step.text;
        item.append(note);
      }
      return item;
    }),
  );
}
