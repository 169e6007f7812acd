/**
 * Registers the service worker (/sw.js, written by the build: site/offline/offline-shell.ts), shows
 * the offline note while the browser has no network, and offers a reload when a new version waits.
 * Where service workers are missing (WeChat's in-app browser) nothing is registered, nothing is
 * shown, and the pages work as they always did.
 */
import { byId } from './dom.ts';

const indicator = byId('offline-indicator');
const offer = byId('update-offer');
const reload = byId<HTMLButtonElement>('update-reload');

function showConnection(): void {
  indicator.hidden = navigator.onLine;
}

/** Set when the reader accepted the update in this tab: only then does the takeover reload it. */
let accepted = false;

/** A waiting worker only takes over when the reader accepts; the page reloads once it has. */
function offerUpdate(waiting: ServiceWorker): void {
  offer.hidden = false;
  reload.onclick = () => {
    accepted = true;
    reload.disabled = true;
    waiting.postMessage('skip-waiting');
  };
}

/**
 * The new version took over. Accepted here: reload. Accepted in another tab: this one may hold a
 * half-filled form, so it keeps the offer, which now simply reloads when the reader is ready.
 */
function tookOver(): void {
  if (accepted) {
    location.reload();
    return;
  }
  offer.hidden = false;
  reload.disabled = false;
  reload.onclick = () => location.reload();
}

async function register(): Promise<void> {
  const registration = await navigator.serviceWorker.register('/sw.js');
  // A page the worker does not control yet (the first visit) has no older version to replace.
  if (!navigator.serviceWorker.controller) return;
  if (registration.waiting) offerUpdate(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') offerUpdate(installing);
    });
  });
  navigator.serviceWorker.addEventListener('controllerchange', tookOver, { once: true });
}

// The note promises kept pages, which only a worker keeps: without one, pages stay as they were.
if ('serviceWorker' in navigator) {
  showConnection();
  addEventListener('online', showConnection);
  addEventListener('offline', showConnection);
  register().catch(() => {
    // Without a worker the portal is the online portal it was before: nothing to tell the reader.
  });
}
