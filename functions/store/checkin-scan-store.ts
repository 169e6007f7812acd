import type { OfflineScan, StoredScan } from '../domain/offline-scans.ts';

export type RecordedScan =
  /** Stored now, or stored before under the same nonce with the same scan (`replayed`). */
  | { outcome: 'stored' | 'replayed'; scan: StoredScan; ticketScans: StoredScan[] }
  /** The nonce came before with another scan: nothing stored. */
  | { outcome: 'nonce-reused' }
  /** No registration holds the code any more (erased since the upload's look-up): nothing stored. */
  | { outcome: 'unknown-code' };

/** Figures of an edition's scans for the organizer page. */
export interface ScanFigures {
  scans: number;
  ticketsScanned: number;
  /** Scans of a ticket scanned before: scans − tickets scanned. */
  duplicates: number;
}

/**
 * The scans check-in desks upload, each kept once by its nonce with both its scan and its arrival
 * time; every scan of a ticket is kept, so a ticket scanned at two desks shows both.
 */
export interface CheckinScanStore {
  /** Keeps `scan`, arrived at `arrivedAt`, until `expiresAt` (unix seconds). */
  record(scan: OfflineScan, arrivedAt: string, expiresAt: number): Promise<RecordedScan>;
  scansOf(edition: string, code: string): Promise<StoredScan[]>;
  figures(edition: string): Promise<ScanFigures>;
}
