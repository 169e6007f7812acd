import { intlLocale } from '../i18n/locales.ts';
import { callApi } from './api.ts';
import { byId } from './dom.ts';
import type { OrganizerContext } from './organizer-figures.ts';

/**
 * The offline desks' figures from GET /api/admin/checkin/figures: scans uploaded, tickets they
 * scanned, and duplicates (a ticket scanned again). A failure leaves the rest of the page working.
 */
export async function loadScanFigures(context: OrganizerContext): Promise<void> {
  const answer = await callApi('GET /api/admin/checkin/figures', { token: context.token });
  if (!answer.ok) {
    if (answer.status === 401 || answer.status === 403) context.refused(answer.status);
    return;
  }
  const number = new Intl.NumberFormat(intlLocale[context.text.locale]);
  const { scans, ticketsScanned, duplicates } = answer.data;
  byId('figure-scans').textContent = number.format(scans);
  byId('figure-tickets-scanned').textContent = number.format(ticketsScanned);
  byId('figure-duplicates').textContent = number.format(duplicates);
}
