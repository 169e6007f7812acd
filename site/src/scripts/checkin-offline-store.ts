/**
 * What a check-in desk keeps on the device to work without the network, in IndexedDB:
 * - `lists`: the roster (code hash → name, category), the revoked code hashes and the edition's
 *   public keys, as downloaded while online, replaced together at each download;
 * - `seen`: the tickets this desk admitted (code hash → time; offline scans, and check-ins the
 *   server confirmed while online), to say "already scanned at this desk" offline;
 * - `queue`: the scans not yet sent (nonce, 9-symbol code, scan time, desk), each removed only when
 *   the server's receipt for its nonce came back.
 * Names and categories are in `lists` alone. Sign-out clears `lists` and `seen`; the queue (codes and
 * times, no names) stays so that no scan is lost, and goes with the next sign-in's upload. After the
 * event (`expiresAt`: the end of the day after the edition's last day in Wuzhen, from the edition's
 * `endDate` in content/editions/*.yaml, written on the page at build time) the desk clears all three.
 */
import type { CheckinPublicKey } from '../../../functions/domain/signed-checkin-code.ts';

export interface RosterEntry {
  name: string;
  category: string;
}

export interface DeskLists {
  edition: string;
  downloadedAt: string;
  /** By code hash. */
  roster: Record<string, RosterEntry>;
  revoked: string[];
  keys: CheckinPublicKey[];
}

export interface QueuedScan {
  nonce: string;
  code: string;
  scannedAt: string;
  desk: string;
}

const databaseName = 'wuzhen-checkin-desk';
const listsKey = 'current';

/** A request's result as a promise. */
const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

function openDatabase(): Promise<IDBDatabase> {
  const request = indexedDB.open(databaseName, 1);
  request.onupgradeneeded = () => {
    const database = request.result;
    database.createObjectStore('lists');
    database.createObjectStore('seen');
    database.createObjectStore('queue', { keyPath: 'nonce' });
  };
  return done(request);
}

export interface DeskStore {
  lists(): Promise<DeskLists | undefined>;
  saveLists(lists: DeskLists): Promise<void>;
  /** When this desk admitted the ticket offline, if it did. */
  seenAt(codeHash: string): Promise<string | undefined>;
  /** Queues an admitted scan and remembers its ticket, in one transaction. */
  admit(scan: QueuedScan, codeHash: string): Promise<void>;
  /** Remembers a ticket the server checked in while online, for a repeat once offline. */
  remember(codeHash: string, checkedInAt: string): Promise<void>;
  queued(): Promise<QueuedScan[]>;
  /** Removes the scans whose receipts came back. */
  sent(nonces: readonly string[]): Promise<void>;
  /** Sign-out: the names go; unsent scans stay. */
  forgetPeople(): Promise<void>;
}

/** Opens the desk's store, first clearing everything in it once the event is over. */
export async function openDeskStore(expiresAt: Date, now = new Date()): Promise<DeskStore> {
  const database = await openDatabase();
  const transaction = (names: string[], mode: IDBTransactionMode = 'readonly') => {
    const tx = database.transaction(names, mode);
    const complete = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    return { store: (name: string) => tx.objectStore(name), complete };
  };
  const clear = async (names: string[]) => {
    const tx = transaction(names, 'readwrite');
    for (const name of names) tx.store(name).clear();
    await tx.complete;
  };
  if (now >= expiresAt) await clear(['lists', 'seen', 'queue']);
  return {
    lists: () => done(transaction(['lists']).store('lists').get(listsKey)),
    async saveLists(lists) {
      const tx = transaction(['lists'], 'readwrite');
      tx.store('lists').put(lists, listsKey);
      await tx.complete;
    },
    seenAt: (codeHash) => done(transaction(['seen']).store('seen').get(codeHash)),
    async admit(scan, codeHash) {
      const tx = transaction(['queue', 'seen'], 'readwrite');
      tx.store('queue').put(scan);
      tx.store('seen').put(scan.scannedAt, codeHash);
      await tx.complete;
    },
    async remember(codeHash, checkedInAt) {
      const tx = transaction(['seen'], 'readwrite');
      tx.store('seen').put(checkedInAt, codeHash);
      await tx.complete;
    },
    queued: () => done(transaction(['queue']).store('queue').getAll()),
    async sent(nonces) {
      const tx = transaction(['queue'], 'readwrite');
      for (const nonce of nonces) tx.store('queue').delete(nonce);
      await tx.complete;
    },
    forgetPeople: () => clear(['lists', 'seen']),
  };
}
