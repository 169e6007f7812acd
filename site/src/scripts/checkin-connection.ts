/**
 * Whether the check-in desk works online or offline, decided by itself: offline while the browser
 * says it has no network (`navigator.onLine`, the `offline` event) or after a request got no answer
 * at all; online again when the browser has a network and a request is answered. While offline with
 * a network in sight, `probe` (the desk's sync, itself a request) runs every `probeMs`.
 */
export interface Connection {
  readonly online: boolean;
  /** A request got an answer (any status): the server is reachable. */
  answered(): void;
  /** A request got no answer: work offline until one does. */
  unanswered(): void;
}

export function watchConnection(onChange: () => void, probe: () => void, probeMs = 15_000): Connection {
  let unreachable = false;
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
