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

/** What an upload tells the desk about one of its scans. */
export interface ScanReceipt {
  nonce: string;
  /** 'stored' the first time, 'replayed' when the nonce came before with the same scan. */
  outcome: 'stored' | 'replayed';
  arrivedAt: string;
  /** The scan that admitted the ticket, when it is another one: this scan is a duplicate. */
  duplicateOf?: StoredScan;
}

/**
 * The receipt for `scan`, given the scan that admitted its ticket: the one whose nonce checked the
 * registration in (the nonce the registration keeps with its check-in time), whichever desk scanned
 * or uploaded first. Every other scan of the ticket is a duplicate of it, so every receipt, the
 * registration's `checkedInAt` and the figures (one ticket, the other scans duplicates) agree.
 */
export function receiptFor(
  scan: StoredScan,
  outcome: ScanReceipt['outcome'],
  admitting: StoredScan | undefined,
): ScanReceipt {
  const duplicateOf = admitting && admitting.nonce !== scan.nonce ? admitting : undefined;
  return { nonce: scan.nonce, outcome, arrivedAt: scan.arrivedAt, ...(duplicateOf ? { duplicateOf } : {}) };
}
