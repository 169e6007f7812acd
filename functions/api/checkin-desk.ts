import type { checkinDeskContract } from '../contract/checkin-desk.ts';
import type { CheckinSigningKey } from '../domain/checkin-signing-key.ts';
import { receiptFor, type ScanReceipt } from '../domain/offline-scans.ts';
import type { RegistrationContext } from '../domain/registration-context.ts';
import { json } from '../http/response.ts';
import type { Routes } from '../http/route-handler.ts';
import type { CheckinScanStore } from '../store/checkin-scan-store.ts';

/** How long uploaded scans are kept after they arrive: past the edition, for its figures, then gone. */
export const scanRetentionDays = 180;

export interface CheckinDeskDependencies {
  contextFor: () => Promise<RegistrationContext>;
  scans: CheckinScanStore;
  /** The current edition's signing key (its secret read once per container). */
  signingKey: (edition: string) => Promise<CheckinSigningKey>;
}

type DeskRoutes = Pick<Routes<'organizer'>, keyof typeof checkinDeskContract>;

/** The check-in desks' routes; each records its request in the audit trail (docs/audit.md). */
export function checkinDeskRoutes({ contextFor, scans, signingKey }: CheckinDeskDependencies): DeskRoutes {
  return {
    'POST /api/admin/checkin/scans': async ({ body }, _event, audit) => {
      const context = await contextFor();
      const arrived = context.now();
      const arrivedAt = arrived.toISOString();
      const expiresAt = Math.floor(arrived.getTime() / 1000) + scanRetentionDays * 86_400;
      // One after another: scans of the same ticket in one upload must see each other.
      const receipts: Array<ScanReceipt | { nonce: string; outcome: 'nonce-reused' }> = [];
      for (const scan of body.scans) {
        const recorded = await scans.record({ ...scan, edition: context.edition.id }, arrivedAt, expiresAt);
        receipts.push(
          recorded.outcome === 'nonce-reused'
            ? { nonce: scan.nonce, outcome: 'nonce-reused' }
            : receiptFor(recorded.scan, recorded.ticketScans, recorded.outcome),
        );
      }
      const desks = [...new Set(body.scans.map(({ desk }) => desk))].sort().join(',');
      await audit.record({ target: context.edition.id, filter: { desks, scans: String(body.scans.length) } });
      return json(200, { receipts }, { 'cache-control': 'no-store' });
    },

    'GET /api/admin/checkin/keys': async (_request, _event, audit) => {
      const { edition } = await contextFor();
      const key = await signingKey(edition.id);
      await audit.record({ target: edition.id });
      return json(200, { edition: edition.id, keys: [key.publicKey] });
    },

    'GET /api/admin/checkin/figures': async (_request, _event, audit) => {
      const { edition } = await contextFor();
      const figures = await scans.figures(edition.id);
      await audit.record({ filter: { edition: edition.id } });
      return json(200, { edition: edition.id, ...figures }, { 'cache-control': 'no-store' });
    },
  };
}
