import type { checkinDeskContract } from '../contract/checkin-desk.ts';
import type { CheckinSigningKey } from '../domain/checkin-signing-key.ts';
import { admitScan, type ResolvedScan, resolveScan } from '../domain/offline-checkin.ts';
import type { RegistrationContext } from '../domain/registration-context.ts';
import { json } from '../http/response.ts';
import type { Routes } from '../http/route-handler.ts';
import type { CheckinScanStore } from '../store/checkin-scan-store.ts';
import { countCheckIn } from '../telemetry/business-metrics.ts';

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
      const times = {
        arrivedAt: arrived.toISOString(),
        expiresAt: Math.floor(arrived.getTime() / 1000) + scanRetentionDays * 86_400,
      };
      const { publicKey } = await signingKey(context.edition.id);
      const resolved: ResolvedScan[] = [];
      for (const scan of body.scans) resolved.push(await resolveScan(context, publicKey, scan));
      // The upload's one entry, before anything changes: no check-in is ever left without one.
      const registrationIds = [...new Set(resolved.flatMap(({ registrationId }) => registrationId ?? []))];
      const desks = [...new Set(body.scans.map(({ desk }) => desk))].sort().join(',');
      await audit.record({
        target: context.edition.id,
        registrationIds,
        filter: { desks, scans: String(body.scans.length) },
      });
      // One after another, earliest scan first: scans of the same ticket in one upload must see each
      // other, and the earliest reaches the check-in first, so it admits the ticket (checks it in at its
      // time); the receipts keep the order sent.
      const admitted: Array<Awaited<ReturnType<typeof admitScan>>> = [];
      const byScanTime = resolved
        .map((scan, index) => ({ scan, index, at: Date.parse(scan.scan.scannedAt) }))
        .sort((a, b) => a.at - b.at || a.index - b.index);
      for (const { scan, index } of byScanTime)
        admitted[index] = await admitScan(context, scans, scan, times);
      for (const { checkedInNow } of admitted) if (checkedInNow) countCheckIn();
      return json(
        200,
        { receipts: admitted.map(({ admission }) => admission) },
        { 'cache-control': 'no-store' },
      );
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
