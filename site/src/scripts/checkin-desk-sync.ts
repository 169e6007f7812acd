/**
 * The check-in desk's two exchanges with the server while online: downloading what it needs offline
 * (the roster, the revoked list and the public keys, every page) and uploading its queued scans
 * (POST /api/admin/checkin/scans, idempotent by nonce: a scan leaves the queue only when its
 * receipt came back, so an upload cut off is simply sent again).
 */
import { type AnswerBody, callApi } from './api.ts';
import type { DeskLists, DeskStore, QueuedScan } from './checkin-offline-store.ts';

type Receipt = AnswerBody<'POST /api/admin/checkin/scans', 200>['receipts'][number];

/** Why an exchange stopped: no answer at all, the token refused, or the server could not. */
export type Stopped =
  | { stopped: 'unanswered' }
  | { stopped: 'unauthorized'; status: 401 | 403 }
  | { stopped: 'failed' };

function stoppedBy(status: number): Stopped {
  if (status === 0) return { stopped: 'unanswered' };
  if (status === 401 || status === 403) return { stopped: 'unauthorized', status };
  return { stopped: 'failed' };
}

/** Every page of the roster and of the revoked list, and the keys: replaced together, or not at all. */
export async function downloadLists(token: string): Promise<DeskLists | Stopped> {
  const roster: DeskLists['roster'] = {};
  let cursor: string | undefined;
  let edition = '';
  do {
    const page = await callApi('GET /api/admin/checkin/roster', { token, query: { cursor } });
    if (!page.ok) return stoppedBy(page.status);
    for (const { codeHash, name, category } of page.data.items) roster[codeHash] = { name, category };
    edition = page.data.edition;
    cursor = page.data.nextCursor ?? undefined;
  } while (cursor);
  const revoked: string[] = [];
  do {
    const page = await callApi('GET /api/admin/checkin/revoked', { token, query: { cursor } });
    if (!page.ok) return stoppedBy(page.status);
    revoked.push(...page.data.codeHashes);
    cursor = page.data.nextCursor ?? undefined;
  } while (cursor);
  const keys = await callApi('GET /api/admin/checkin/keys', { token });
  if (!keys.ok) return stoppedBy(keys.status);
  return { edition, downloadedAt: new Date().toISOString(), roster, revoked, keys: keys.data.keys };
}

export interface Duplicate {
  scan: QueuedScan;
  first: NonNullable<Receipt['duplicateOf']>;
}

/** Sends the queue, `perUpload` scans at a time; answers the duplicates the server reported. */
export async function uploadQueue(
  token: string,
  store: DeskStore,
  perUpload: number,
): Promise<{ duplicates: Duplicate[] } | Stopped> {
  const duplicates: Duplicate[] = [];
  const queue = await store.queued();
  for (let start = 0; start < queue.length; start += perUpload) {
    const scans = queue.slice(start, start + perUpload);
    const answer = await callApi('POST /api/admin/checkin/scans', { token, json: { scans } });
    if (!answer.ok) return stoppedBy(answer.status);
    const { receipts } = answer.data;
    await store.sent(receipts.map(({ nonce }) => nonce));
    for (const { nonce, duplicateOf } of receipts) {
      const scan = scans.find((candidate) => candidate.nonce === nonce);
      if (scan && duplicateOf) duplicates.push({ scan, first: duplicateOf });
    }
  }
  return { duplicates };
}
