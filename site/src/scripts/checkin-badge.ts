import { fetchFile } from './api.ts';
import { byId, downloadLink } from './dom.ts';

const panel = byId('badge-print');
const button = byId<HTMLButtonElement>('print-badge');
const layout = byId<HTMLSelectElement>('badge-layout');
const status = byId('badge-print-status');

/** The desk's printer takes one size: the layout chosen last is kept on this device. */
const layoutKey = 'wuzhen.checkinBadgeLayout';
layout.value = localStorage.getItem(layoutKey) ?? 'a6';

/** The registration whose badge the button prints: the one checked in online just now. */
let registrationId: string | undefined;

/** Offers the badge of a registration just checked in online, or takes the offer back (undefined). */
export function offerBadge(id: string | undefined): void {
  registrationId = id;
  panel.hidden = id === undefined;
  for (const link of status.querySelectorAll('a')) URL.revokeObjectURL(link.href);
  status.textContent = '';
}

interface BadgeDesk {
  token(): string | undefined;
  text(key: 'checkin.badgeFailed'): string;
  /** Signs out when the API refuses the token. */
  refused(status: number): void;
}

/** Wires the button once: it fetches the one badge as a PDF and hands it to the browser to open and print. */
export function setUpBadgePrint(desk: BadgeDesk): void {
  layout.addEventListener('change', () => localStorage.setItem(layoutKey, layout.value));
  button.addEventListener('click', async () => {
    const token = desk.token();
    const id = registrationId;
    if (!token || !id) return;
    button.disabled = true;
    const file = await fetchFile('GET /api/admin/badges.pdf', {
      token,
      query: { layout: layout.value, ids: id },
    });
    button.disabled = false;
    if (!file.ok) {
      if (file.status === 401) return desk.refused(file.status);
      status.textContent = desk.text('checkin.badgeFailed');
      return;
    }
    const link = downloadLink(file.blob, file.filename ?? 'badge.pdf');
    link.textContent = link.download;
    status.replaceChildren(link);
    link.click();
  });
}
