import type { checkinRosterContract } from '../contract/checkin-roster.ts';
import { checkinCodeHash } from '../domain/checkin-code-hash.ts';
import type { RegistrationContext } from '../domain/registration-context.ts';
import { json } from '../http/response.ts';
import type { Routes } from '../http/route-handler.ts';
import { decodeCursor, encodeCursor } from '../store/page-cursor.ts';
import { InvalidCursorError } from '../store/store-errors.ts';
import { badCursor, personal } from './organizer.ts';

type RosterRoutes = Pick<Routes<'organizer'>, keyof typeof checkinRosterContract>;

/**
 * The revoked list reads three sources one after another: cancelled and rejected registrations
 * (their codes hashed here) and the erased tickets' tombstones (erasure.ts), which keep no code.
 */
const revokedSources = ['cancelled', 'rejected', 'erased'] as const;
type RevokedSource = (typeof revokedSources)[number];

/** Where the next page of the revoked list starts: a source and the store's cursor within it. */
function revokedPosition(cursor: string | undefined): { source: number; within?: string } {
  if (cursor === undefined) return { source: 0 };
  const { source, within } = decodeCursor(cursor);
  const index = revokedSources.indexOf(source as RevokedSource);
  if (index < 0) throw new InvalidCursorError();
  return within === undefined ? { source: index } : { source: index, within };
}

/** The check-in desks' downloads; each records its request in the audit trail (docs/audit.md). */
export function checkinRosterRoutes(contextFor: () => Promise<RegistrationContext>): RosterRoutes {
  return {
    'GET /api/admin/checkin/roster': async ({ query: { limit, cursor } }, _event, audit) => {
      const { store, edition } = await contextFor();
      const filter = { page: cursor === undefined ? undefined : 'next' };
      try {
        const page = await store.list({ edition: edition.id, status: 'confirmed', limit, cursor });
        const items = await Promise.all(
          page.items.map(async ({ code, name, category }) => ({
            codeHash: await checkinCodeHash(code),
            name,
            category,
          })),
        );
        await audit.record({ target: edition.id, filter, registrationIds: page.items.map(({ id }) => id) });
        return json(200, { edition: edition.id, items, nextCursor: page.nextCursor }, personal);
      } catch (error) {
        return badCursor(error, audit, filter);
      }
    },

    'GET /api/admin/checkin/revoked': async ({ query: { limit, cursor } }, _event, audit) => {
      const { store, edition } = await contextFor();
      const filter = { page: cursor === undefined ? undefined : 'next' };
      const codeHashes: string[] = [];
      const registrationIds: string[] = [];
      try {
        let { source, within } = revokedPosition(cursor);
        while (source < revokedSources.length && codeHashes.length < limit) {
          const wanted = limit - codeHashes.length;
          const status = revokedSources[source];
          if (status === 'erased') {
            const page = await store.revokedTickets(edition.id, { limit: wanted, cursor: within });
            codeHashes.push(...page.codeHashes);
            within = page.nextCursor ?? undefined;
          } else if (status) {
            const page = await store.list({ edition: edition.id, status, limit: wanted, cursor: within });
            for (const { id, code } of page.items) {
              codeHashes.push(await checkinCodeHash(code));
              registrationIds.push(id);
            }
            within = page.nextCursor ?? undefined;
          }
          if (within === undefined) source += 1;
        }
        const nextSource = revokedSources[source];
        const nextCursor = nextSource
          ? encodeCursor({ source: nextSource, ...(within === undefined ? {} : { within }) })
          : null;
        await audit.record({ target: edition.id, filter, registrationIds });
        return json(200, { edition: edition.id, codeHashes, nextCursor }, personal);
      } catch (error) {
        return badCursor(error, audit, filter);
      }
    },
  };
}
