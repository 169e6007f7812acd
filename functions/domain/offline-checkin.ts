import type { CheckinScanStore } from '../store/checkin-scan-store.ts';
import type { OfflineScan, ScanReceipt, StoredScan } from './offline-scans.ts';
import { receiptFor } from './offline-scans.ts';
import { checkInOnce } from './organizer.ts';
import type { RegistrationContext } from './registration-context.ts';
import type { CheckinPublicKey } from './signed-checkin-code.ts';
import { isSignedCode, verifySignedCode } from './signed-checkin-code.ts';

/**
 * Why an uploaded scan admits nobody: no registration of this edition has its code (or it was
 * erased), the registration was cancelled or rejected, it has no seat yet (waiting or awaiting
 * approval), or its signature does not match its fields (forged or altered).
 */
export type ScanRefusal = 'unknown' | 'revoked' | 'not-confirmed' | 'forged';

/** A scan as a desk uploads it: `code` is the ticket's signed code, or its 9-symbol code typed by hand. */
export type UploadedScan = Omit<OfflineScan, 'edition'>;

/** An uploaded scan with what its code names: a registration that may be checked in, or a refusal. */
export type ResolvedScan = { scan: UploadedScan; registrationId?: string } & (
  | { code: string }
  | { refused: ScanRefusal }
);

/** What an upload answers about one scan: its storage (ScanReceipt) and what it did at the door. */
export type ScanAdmission =
  | (ScanReceipt & {
      result: 'admitted' | 'duplicate';
      /** When a desk online checked the ticket in (no scan admitted it): this scan is a duplicate. */
      firstCheckedInAt?: string;
    })
  | {
      nonce: string;
      /** A refused scan stores nothing ('not-stored'), unless its registration changed meanwhile. */
      outcome: ScanReceipt['outcome'] | 'nonce-reused' | 'not-stored';
      result: 'refused';
      reason: ScanRefusal | 'nonce-reused';
    };

/**
 * The 9-symbol code a scan names: a signed code's after its signature is verified with the edition's
 * key (a code of another edition is unknown here), or a code typed by hand at the desk.
 */
async function scannedCode(
  text: string,
  edition: string,
  key: CheckinPublicKey,
): Promise<{ code: string } | { refused: ScanRefusal }> {
  if (!isSignedCode(text)) return { code: text };
  const check = await verifySignedCode(text, edition, [key]);
  if (check.valid) return { code: check.fields.code };
  return { refused: check.reason === 'other-edition' ? 'unknown' : 'forged' };
}

/**
 * Reads, changes nothing: which registration of the edition an uploaded scan's code belongs to, and
 * whether it may be checked in. An upload resolves all its scans first, so that its audit entry,
 * written before anything changes, names every registration the upload touches.
 */
export async function resolveScan(
  context: RegistrationContext,
  key: CheckinPublicKey,
  scan: UploadedScan,
): Promise<ResolvedScan> {
  const edition = context.edition.id;
  const resolved = await scannedCode(scan.code, edition, key);
  if ('refused' in resolved) return { scan, refused: resolved.refused };
  const id = await context.store.findIdByCode(resolved.code);
  const stored = id ? await context.store.get(id) : undefined;
  if (!stored || stored.registration.edition !== edition) return { scan, refused: 'unknown' };
  const { registration } = stored;
  const registrationId = registration.id;
  if (registration.status === 'cancelled' || registration.status === 'rejected') {
    return { scan, registrationId, refused: 'revoked' };
  }
  if (registration.status !== 'confirmed') return { scan, registrationId, refused: 'not-confirmed' };
  return { scan, registrationId, code: resolved.code };
}

/**
 * One resolved scan at the door: a refused one stores nothing; else the scan is kept once by its
 * nonce with its scan and arrival times, and its registration checked in by the same check-in as a
 * desk online — at the scan's time, with the scan's nonce, so an upload sent again changes nothing.
 * The scan whose nonce checked the registration in admits the ticket (the first to reach the
 * check-in, whatever its scan time); every other is a duplicate of it; a ticket a desk online checked
 * in makes all its scans duplicates of that check-in.
 */
export async function admitScan(
  context: RegistrationContext,
  scans: CheckinScanStore,
  resolved: ResolvedScan,
  { arrivedAt, expiresAt }: { arrivedAt: string; expiresAt: number },
): Promise<{ admission: ScanAdmission; checkedInNow: boolean }> {
  const { nonce } = resolved.scan;
  if ('refused' in resolved) {
    return {
      admission: { nonce, outcome: 'not-stored', result: 'refused', reason: resolved.refused },
      checkedInNow: false,
    };
  }
  // In UTC, as every time the portal stores: a desk may send its own offset.
  const scannedAt = new Date(resolved.scan.scannedAt).toISOString();
  const scan = { ...resolved.scan, scannedAt, code: resolved.code, edition: context.edition.id };
  const recorded = await scans.record(scan, arrivedAt, expiresAt);
  if (recorded.outcome === 'unknown-code') {
    // Erased since the look-up: nothing kept that names the code.
    return {
      admission: { nonce, outcome: 'not-stored', result: 'refused', reason: 'unknown' },
      checkedInNow: false,
    };
  }
  if (recorded.outcome === 'nonce-reused') {
    return {
      admission: { nonce, outcome: 'nonce-reused', result: 'refused', reason: 'nonce-reused' },
      checkedInNow: false,
    };
  }
  // The upload recorded its audit entry, naming this registration, before any change: none here.
  const checkIn = await checkInOnce(
    context,
    resolved.code,
    { nonce, at: recorded.scan.scannedAt },
    undefined,
  );
  if (checkIn.kind === 'not_confirmed' || checkIn.kind === 'unknown_code') {
    // Cancelled (the scan is kept) or erased (its erasure deleted the scan) since the look-up: nobody
    // admitted.
    const reason = checkIn.kind === 'unknown_code' ? 'unknown' : 'revoked';
    return {
      admission: { nonce, outcome: recorded.outcome, result: 'refused', reason },
      checkedInNow: false,
    };
  }
  // The admitting scan is the one whose nonce checked the registration in: this one (now or before),
  // another desk's (possibly recorded after this scan's read of the ticket: read again), or none
  // when a desk online checked the ticket in.
  const admittedBy = checkIn.kind === 'checked_in' ? nonce : checkIn.nonce;
  const admitting =
    admittedBy === undefined
      ? undefined
      : (scanWithNonce(admittedBy, recorded.ticketScans) ??
        scanWithNonce(admittedBy, await scans.scansOf(scan.edition, scan.code)));
  const receipt = receiptFor(recorded.scan, recorded.outcome, admitting);
  const checkedInOnline = checkIn.kind === 'already_checked_in' && !admitting;
  return {
    admission: {
      ...receipt,
      result: receipt.duplicateOf || checkedInOnline ? 'duplicate' : 'admitted',
      ...(checkedInOnline ? { firstCheckedInAt: checkIn.firstCheckedInAt } : {}),
    },
    checkedInNow: checkIn.kind === 'checked_in' && !checkIn.replay,
  };
}

const scanWithNonce = (nonce: string, ticketScans: readonly StoredScan[]) =>
  ticketScans.find((scan) => scan.nonce === nonce);
