import type { StaffAudit } from '../domain/audit.ts';
import { newId } from '../domain/ids.ts';
import { photoViews } from '../domain/photos/photo-view-url.ts';
import { changeState, firstResponse } from '../domain/resident-affairs/lifecycle.ts';
import { mergeDecision } from '../domain/resident-affairs/merge.ts';
import type { RequestState, TimelineEntry } from '../domain/resident-affairs/model.ts';
import { replyMessage } from '../domain/resident-affairs/reply-message.ts';
import { queueItem, staffRequest } from '../domain/resident-affairs/staff-view.ts';
import { type HttpResult, invalid, json, notFound, problem } from '../http/response.ts';
import { subjectOf } from '../http/roles.ts';
import type { Routes } from '../http/route-handler.ts';
import type {
  RequestChange,
  ResidentAffairsStore,
  StoredServiceRequest,
} from '../store/resident-affairs-store.ts';
import { InvalidCursorError, ResidentAffairsConflict } from '../store/store-errors.ts';

/** What the staff routes need from the outside world (functions/handlers/wiring.ts). */
export interface ResidentAffairsStaffDependencies {
  /** Built with the audit table and the outbox's table: changes write their entry and e-mail with them. */
  store: ResidentAffairsStore;
  /** The key photo view URLs are signed with (GET /api/resident-affairs/photo checks them). */
  photoViewSecret: () => Promise<string>;
  now: () => Date;
  /** The first-response target (FIRST_RESPONSE_TARGET_MINUTES). */
  targetMinutes: number;
}

const personal = { 'cache-control': 'no-store' };

type StaffEvent = Parameters<typeof subjectOf>[0];

/** An open request a change may act on: neither merged away nor anonymised, and as the staff member saw it. */
const standsAsSeen = ({ request, anonymisedAt }: StoredServiceRequest, expectedState: RequestState) =>
  request.state === expectedState && !request.mergedInto && !anonymisedAt;

const conflict = (detail: string) => problem({ kind: 'conflict', detail });
const stale = (state: RequestState) =>
  conflict(`The request is ${state} now, or was merged or anonymised: read it again before changing it.`);

/** The staff desk of resident affairs; every route records its request in the audit trail (docs/audit.md). */
export function residentAffairsStaffRoutes({
  store,
  photoViewSecret,
  now,
  targetMinutes,
}: ResidentAffairsStaffDependencies): Routes<'residentAffairsStaff'> {
  /** The request as the GET answers it, photo URLs signed now. */
  async function answer(stored: StoredServiceRequest): Promise<HttpResult> {
    const at = now();
    const secret = stored.request.photoKeys.length ? await photoViewSecret() : '';
    const photos = photoViews(secret, stored.request.photoKeys, at);
    return json(200, staffRequest(stored, photos, at, targetMinutes), personal);
  }

  /**
   * Reads the request a change names; answers 404 or 409 (recording the refusal) when it cannot be
   * changed as asked, else hands it to `act`, whose conflict (the request moved meanwhile) is a 409.
   */
  async function changing(
    id: string,
    expectedState: RequestState,
    audit: StaffAudit,
    act: (stored: StoredServiceRequest) => Promise<HttpResult | undefined>,
  ): Promise<HttpResult> {
    const stored = await store.get(id);
    if (!stored) {
      await audit.record({ outcome: 'refused', target: id });
      return notFound('There is no such request.');
    }
    if (!standsAsSeen(stored, expectedState)) {
      await audit.record({ outcome: 'refused', target: id });
      return stale(stored.request.state);
    }
    try {
      const refused = await act(stored);
      if (refused) {
        await audit.record({ outcome: 'refused', target: id });
        return refused;
      }
    } catch (error) {
      if (!(error instanceof ResidentAffairsConflict)) throw error;
      await audit.record({ outcome: 'refused', target: id });
      return error.reason === 'not_found'
        ? conflict('The request to merge into is gone, merged or anonymised.')
        : stale(expectedState);
    }
    const changed = await store.get(id);
    if (!changed) throw new Error(`request ${id} vanished after it was changed`);
    return answer(changed);
  }

  /** A timeline entry made now by the signed-in staff member. */
  const entryBy = (
    event: StaffEvent,
    at: Date,
    entry: Omit<TimelineEntry, 'at' | 'staff'>,
  ): TimelineEntry => ({
    at: at.toISOString(),
    ...entry,
    staff: subjectOf(event),
  });

  return {
    'GET /api/admin/affairs/queue': async ({ query: { limit, cursor } }, _event, audit) => {
      const filter = { page: cursor === undefined ? undefined : 'next' };
      try {
        const page = await store.queuePage(limit, cursor);
        const at = now();
        await audit.record({ filter, requestIds: page.items.map(({ id }) => id) });
        return json(
          200,
          {
            targetMinutes,
            items: page.items.map((request) => queueItem(request, at, targetMinutes)),
            nextCursor: page.nextCursor,
          },
          personal,
        );
      } catch (error) {
        if (!(error instanceof InvalidCursorError)) throw error;
        await audit.record({ filter, outcome: 'refused' });
        return invalid(error.message, [{ path: 'cursor', message: error.message }]);
      }
    },

    'GET /api/admin/affairs/requests/{id}': async ({ path: { id } }, _event, audit) => {
      const stored = await store.get(id);
      await audit.record({ target: id, ...(stored ? {} : { outcome: 'refused' }) });
      return stored ? answer(stored) : notFound('There is no such request.');
    },

    'POST /api/admin/affairs/requests/{id}/state': async ({ path: { id }, body }, event, audit) =>
      changing(id, body.expectedState, audit, async ({ request }) => {
        const at = now();
        const change = changeState(request, body.state, at);
        if (change.kind === 'not-allowed')
          return conflict(`A ${change.from} request cannot become ${change.to}.`);
        const note =
          body.note && entryBy(event, at, { kind: 'public-note', state: change.state, text: body.note });
        const message =
          body.note &&
          replyMessage(request, { id: newId(), note: body.note, state: change.state, at: at.toISOString() });
        const fields: RequestChange = {
          state: change.state,
          ...(change.firstResponseAt ? { firstResponseAt: change.firstResponseAt } : {}),
          ...(change.resolvedAt === undefined ? {} : { resolvedAt: change.resolvedAt }),
        };
        await store.append({
          requestId: id,
          expectedState: body.expectedState,
          entry: entryBy(event, at, { kind: 'state', state: change.state }),
          ...(note ? { note } : {}),
          change: fields,
          audit: audit.entry({ target: id }),
          ...(message ? { message } : {}),
        });
        return undefined;
      }),

    'POST /api/admin/affairs/requests/{id}/notes': async ({ path: { id }, body }, event, audit) =>
      changing(id, body.expectedState, audit, async ({ request }) => {
        const at = now();
        const isPublic = body.visibility === 'public';
        const message =
          isPublic &&
          replyMessage(request, { id: newId(), note: body.text, state: request.state, at: at.toISOString() });
        await store.append({
          requestId: id,
          expectedState: body.expectedState,
          entry: entryBy(event, at, { kind: isPublic ? 'public-note' : 'internal-note', text: body.text }),
          // A public note answers the requester: the first one is the first response.
          ...(isPublic ? { change: firstResponse(request, at) } : {}),
          audit: audit.entry({ target: id }),
          ...(message ? { message } : {}),
        });
        return undefined;
      }),

    'POST /api/admin/affairs/requests/{id}/assign': async ({ path: { id }, body }, event, audit) =>
      changing(id, body.expectedState, audit, async () => {
        await store.append({
          requestId: id,
          expectedState: body.expectedState,
          entry: entryBy(event, now(), { kind: 'assignment', department: body.department }),
          change: { department: body.department },
          audit: audit.entry({ target: id }),
        });
        return undefined;
      }),

    'POST /api/admin/affairs/requests/{id}/merge': async ({ path: { id }, body }, event, audit) =>
      changing(id, body.expectedState, audit, async ({ request }) => {
        const kept = await store.get(body.into);
        if (!kept || kept.anonymisedAt) return conflict('There is no request to merge into with this id.');
        const at = now();
        const decision = mergeDecision(request, kept.request, at);
        if (decision.kind === 'refused') {
          return conflict(
            decision.reason === 'same-request'
              ? 'A request cannot be merged into itself.'
              : decision.reason === 'target-merged'
                ? `That request was itself merged into ${decision.mergedInto}: merge into that one.`
                : 'A closed request stays as it ended.',
          );
        }
        await store.merge({
          duplicateId: id,
          expectedState: body.expectedState,
          intoId: body.into,
          at: at.toISOString(),
          duplicateEntry: entryBy(event, at, { kind: 'merge', state: 'closed' }),
          intoEntry: entryBy(event, at, { kind: 'merge' }),
          audit: audit.entry({ target: id }),
        });
        return undefined;
      }),

    'POST /api/admin/affairs/requests/{id}/location': async ({ path: { id }, body }, event, audit) =>
      changing(id, body.expectedState, audit, async ({ request: { location } }) => {
        if ('landmarkVenueId' in location)
          return conflict("A landmark's place is public as it is: it has no precision.");
        await store.append({
          requestId: id,
          expectedState: body.expectedState,
          entry: entryBy(event, now(), { kind: 'location', precision: body.precision }),
          change: { location: { ...location, precision: body.precision } },
          audit: audit.entry({ target: id }),
        });
        return undefined;
      }),
  };
}
