/** A scan a check-in desk made, possibly offline, as it uploads it. */
export interface OfflineScan {
  /** Chosen by the desk once per scan, so an upload sent again stores nothing twice. */
  nonce: string;
  edition: string;
  /** The ticket's 9-symbol check-in code (a signed code's code field). */
  code: string;
  /** When the desk scanned it (the desk's clock, ISO 8601). */
  scannedAt: string;
  /** The desk's label, e.g. "hall-a-1": which desk to ask about a scan. */
  desk: string;
}

/** A scan as the server keeps it: with the time it arrived, beside the time it was made. */
export interface StoredScan extends OfflineScan {
  arrivedAt: string;
}

/**
 * The scan that admits a ticket is its earliest by scan time (then arrival, then nonce, so every
 * reader picks the same one); every other scan of the ticket is a duplicate, whichever desk
 * uploaded first.
 */
export function scanOrder(a: StoredScan, b: StoredScan): number {
  return (
    a.scannedAt.localeCompare(b.scannedAt) ||
    a.arrivedAt.localeCompare(b.arrivedAt) ||
    a.nonce.localeCompare(b.nonce)
  );
}

/** What an upload tells the desk about one of its scans. */
export interface ScanReceipt {
  nonce: string;
  /** 'stored' the first time, 'replayed' when the nonce came before with the same scan. */
  outcome: 'stored' | 'replayed';
  arrivedAt: string;
  /** The scan that admitted the ticket, when it is another one: this scan is a duplicate. */
  duplicateOf?: StoredScan;
}

/** The receipt for `scan` among all the stored scans of its ticket (including it). */
export function receiptFor(
  scan: StoredScan,
  ticketScans: readonly StoredScan[],
  outcome: ScanReceipt['outcome'],
): ScanReceipt {
  const [first] = [...ticketScans].sort(scanOrder);
  const duplicateOf = first && first.nonce !== scan.nonce ? first : undefined;
  return { nonce: scan.nonce, outcome, arrivedAt: scan.arrivedAt, ...(duplicateOf ? { duplicateOf } : {}) };
}
