import { fetchFile } from './api.ts';
import { byId, downloadLink } from './dom.ts';
import type { OrganizerContext } from './organizer-figures.ts';

const form = byId<HTMLFormElement>('badge-form');
const statusLine = byId('badge-status-line');
const files = byId('badge-files');

/** A day of the date field as the start of that day in Wuzhen (UTC+8, no daylight saving time). */
const startOfDay = (day: string) => (day ? `${day}T00:00:00+08:00` : undefined);

/** Hands a PDF to the browser's download, and keeps a link to it in the list, in case it was blocked. */
function deliver(blob: Blob, filename: string): void {
  const link = downloadLink(blob, filename);
  link.textContent = filename;
  const item = document.createElement('li');
  item.append(link);
  files.append(item);
  link.click();
}

/** Fetches the badges the form selects, part after part as each names the next, and downloads each. */
async function printBadges(context: OrganizerContext): Promise<void> {
  const fields = new FormData(form);
  const value = (name: string) => String(fields.get(name) ?? '') || undefined;
  for (const item of files.querySelectorAll('a')) URL.revokeObjectURL(item.href);
  files.replaceChildren();
  statusLine.textContent = context.text.t('organizer.badges.preparing');
  let offset = 0;
  for (let part = 1; ; part++) {
    const file = await fetchFile('GET /api/admin/badges.pdf', {
      token: context.token,
      query: {
        layout: value('layout'),
        status: value('status'),
        category: value('category'),
        checkedIn: value('checkedIn'),
        since: startOfDay(value('since') ?? ''),
        offset,
      },
    });
    if (!file.ok) {
      if (file.status === 401 || file.status === 403) return context.refused(file.status);
      const failure =
        file.status === 404 ? 'organizer.badges.none' : file.status === 0 ? 'api.offline' : 'api.failed';
      statusLine.textContent = context.text.t(failure);
      return;
    }
    deliver(file.blob, file.filename ?? `badges-${part}.pdf`);
    const next = file.next && new URL(file.next, window.location.href).searchParams.get('offset');
    if (!next) {
      statusLine.textContent = context.text.t('organizer.badges.done', { files: part });
      return;
    }
    statusLine.textContent = context.text.t('organizer.badges.part', { part });
    offset = Number(next);
  }
}

/** Wires the form once; the token comes from the context each time. */
export function setUpBadgePrinting(currentContext: () => OrganizerContext | undefined): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const context = currentContext();
    if (context) void printBadges(context);
  });
}
