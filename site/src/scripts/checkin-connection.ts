/**
 * Whether the check-in desk works online or offline, decided by itself: offline while the browser
 * says it has no network (`navigator.onLine`, the `offline` event) or after a request got no answer
 * at all; online again when the browser has a network and a request is answered. While offline with
 * a network in sight, `probe` (the desk's sync, itself a request) runs every `probeMs`. Online,
 * a sync the server failed (5xx) runs again by itself after a pause that doubles with each failure
 * in a row (`retryMs` up to `retryMaxMs`), instead of waiting for the next `online` event.
 */
export interface Connection {
  readonly online: boolean;
  /** A request got an answer (any status): the server is reachable. */
  answered(): void;
  /** A request got no answer: work offline until one does. */
  unanswered(): void;
  /** The server failed the sync (5xx): `probe` runs again after a pause, longer each time. */
  failed(): void;
  /** The sync went through: the next failure's pause starts short again. */
  synced(): void;
}

export interface RetryTimes {
  probeMs: number;
  retryMs: number;
  retryMaxMs: number;
}

export function watchConnection(
  onChange: () => void,
  probe: () => void,
  { probeMs, retryMs, retryMaxMs }: RetryTimes = { probeMs: 15_000, retryMs: 2_000, retryMaxMs: 60_000 },
): Connection {
  let unreachable = false;
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const connection = {
    get online() {
      return navigator.onLine && !unreachable;
    },
    answered() {
      if (!unreachable) return;
      unreachable = false;
      onChange();
    },
    unanswered() {
      if (unreachable) return;
      unreachable = true;
      onChange();
    },
    failed() {
      if (retry !== undefined) return;
      const pause = Math.min(retryMs * 2 ** failures, retryMaxMs);
      failures += 1;
      retry = setTimeout(() => {
        retry = undefined;
        // Offline meanwhile: the probe every probeMs and the online event take over.
        if (connection.online) probe();
      }, pause);
    },
    synced() {
      failures = 0;
    },
  };
  addEventListener('offline', onChange);
  addEventListener('online', () => {
    // The browser's word is a hint: the sync it starts confirms it or sends the desk back offline.
    unreachable = false;
    onChange();
    probe();
  });
  setInterval(() => {
    if (unreachable && navigator.onLine) probe();
  }, probeMs);
  return connection;
}
