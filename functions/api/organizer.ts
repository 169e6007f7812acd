import type { badgesContract } from '../contract/badges.ts';
import type { checkinDeskContract } from '../contract/checkin-desk.ts';
import type { checkinRosterContract } from '../contract/checkin-roster.ts';
import type { messagesContract } from '../contract/messages.ts';
import type { registrationEditsContract } from '../contract/registration-edits.ts';
import { selectionOf } from '../contract/registration-selection.ts';
import type { StaffAudit } from '../domain/audit.ts';
import { toCsv } from '../domain/csv.ts';
import { eraseRegistration } from '../domain/erasure.ts';
import { approve, checkIn, listRegistrations, reject, setCapacity, statistics } from '../domain/organizer.ts';
import type { RegistrationContext } from '../domain/registration-context.ts';
import type { Registration } from '../domain/registration-model.ts';
import { selectedRegistrations, selectionFilter } from '../domain/registration-selection.ts';
import { type HttpResult, invalid, json, notFound, problem } from '../http/response.ts';
import type { Routes } from '../http/route-handler.ts';
import type { AuditStore } from '../store/audit-store.ts';
import { InvalidCursorError } from '../store/store-errors.ts';
import { countCheckIn, countPromotions, countRegistration } from '../telemetry/business-metrics.ts';

/** Answers that show a person's data are never cached. */
export const personal = { 'cache-control': 'no-store' };

/** Who was checked in; the id lets the desk print their badge (GET /api/admin/badges.pdf). */
const summary = ({ id, name, category, country }: Registration) => ({ id, name, category, country });

export function adminRow(registration: Registration) {
  const { id, code, status, category, name, email, country, organization, createdAt, checkedInAt } =
    registration;
  const noticeVersion = registration.consent?.noticeVersion;
  return {
    id,
    code,
    status,
    category,
    name,
    email,
    country,
    organization,
    createdAt,
    checkedInAt,
    noticeVersion,
  };
}

const csvColumns = [
  'id',
  'code',
  'status',
  'category',
  'name',
  'email',
  'country',
  'organization',
  'jobTitle',
  'language',
  'dietary',
  'needsVisaLetter',
  'createdAt',
  'checkedInAt',
] as const satisfies ReadonlyArray<keyof Registration>;

/** From the consent receipt: which notice each person agreed to, and who may be named to partners. */
const consentColumns = ['noticeVersion', 'partnerSharingConsent'] as const;

/** A cursor this API did not give out: recorded as a refused read, answered 400. */
/** A cursor the API did not give out: 400 naming it, recorded as refused. */
export async function badCursor(
  error: unknown,
  audit: StaffAudit,
  filter: Record<string, string | undefined>,
) {
  if (!(error instanceof InvalidCursorError)) throw error;
  await audit.record({ filter, outcome: 'refused' });
  return invalid(error.message, [{ path: 'cursor', message: error.message }]);
}

/** The organizers' routes; every one records its request in the audit trail (docs/audit.md). */
export function organizerRoutes(
  contextFor: () => Promise<RegistrationContext>,
  auditTrail: AuditStore,
): Omit<
  Routes<'organizer'>,
  | keyof typeof checkinDeskContract
  | keyof typeof checkinRosterContract
  | keyof typeof messagesContract
  | keyof typeof registrationEditsContract
  | keyof typeof badgesContract
> {
  const decision =
    (decide: typeof approve) =>
    async ({ path: { id } }: { path: { id: string } }, _event: unknown, audit: StaffAudit) => {
      const outcome = await decide(await contextFor(), id, audit);
      if (outcome.kind === 'not_found') return notFound('There is no such registration.');
      if (outcome.kind === 'not_pending') {
        return problem({
          kind: 'conflict',
          detail: `The registration is ${outcome.status}, not awaiting approval.`,
        });
      }
      if (outcome.registration.status === 'rejected') countRegistration('rejected');
      countPromotions(outcome.promoted);
      return json(200, adminRow(outcome.registration), personal);
    };

  return {
    'DELETE /api/admin/registrations/{id}': async ({ path: { id } }, _event, audit) => {
      const outcome = await eraseRegistration(await contextFor(), id, { freeSeat: true, audit });
      if (outcome.kind === 'not_found') return notFound('There is no such registration.');
      if (outcome.kind === 'already_erased') {
        return problem({ kind: 'erased', detail: `This registration was erased at ${outcome.erasedAt}.` });
      }
      countPromotions(outcome.promoted);
      return json(
        200,
        { status: 'erased', erasedAt: outcome.erasedAt, promoted: outcome.promoted },
        personal,
      );
    },

    'GET /api/admin/registrations': async ({ query }, _event, audit) => {
      const { q, ...filters } = query;
      const { status, category, country, cursor } = query;
      const filter = { status, category, country, q, page: cursor === undefined ? undefined : 'next' };
      try {
        const page = await listRegistrations(await contextFor(), { ...filters, text: q });
        await audit.record({ filter, registrationIds: page.items.map(({ id }) => id) });
        return json(200, { items: page.items.map(adminRow), nextCursor: page.nextCursor }, personal);
      } catch (error) {
        return badCursor(error, audit, filter);
      }
    },

    'POST /api/admin/registrations/{id}/approve': decision(approve),
    'POST /api/admin/registrations/{id}/reject': decision(reject),

    'PUT /api/admin/categories/{id}': async ({ path: { id }, body }, _event, audit) => {
      const outcome = await setCapacity(await contextFor(), id, body.capacity, audit);
      if (outcome.kind === 'not_found') return notFound('There is no such category.');
      if (outcome.kind === 'below_confirmed') {
        return problem({
          kind: 'conflict',
          detail: `${outcome.confirmed} registrations are confirmed; capacity cannot be lower.`,
          errors: [{ path: 'capacity', message: `must be at least ${outcome.confirmed}` }],
        });
      }
      countPromotions(outcome.promoted);
      const { capacity, confirmed, waitlisted, pending, checkedIn } = outcome.category;
      return json(
        200,
        { id: outcome.category.id, capacity, confirmed, waitlisted, pending, checkedIn },
        personal,
      );
    },

    'POST /api/admin/checkins': async ({ body }, _event, audit): Promise<HttpResult> => {
      const outcome = await checkIn(await contextFor(), body.code, body.nonce, audit);
      switch (outcome.kind) {
        case 'checked_in':
          if (!outcome.replay) countCheckIn();
          return json(
            200,
            {
              result: 'checked_in',
              checkedInAt: outcome.checkedInAt,
              registration: summary(outcome.registration),
            },
            personal,
          );
        case 'already_checked_in':
          return json(
            409,
            {
              result: 'already_checked_in',
              firstCheckedInAt: outcome.firstCheckedInAt,
              registration: summary(outcome.registration),
            },
            personal,
          );
        case 'not_confirmed':
          return problem({
            kind: 'not-confirmed',
            detail: `This registration is ${outcome.registration.status}: it has no seat to check in to.`,
          });
        case 'unknown_code':
          return notFound('No registration has this check-in code.');
      }
    },

    'GET /api/admin/stats': async (_request, _event, audit) => {
      const context = await contextFor();
      const figures = await statistics(context);
      await audit.record({ filter: { edition: context.edition.id } });
      return json(200, figures, personal);
    },

    'GET /api/admin/registrations.csv': async ({ query }, _event, audit) => {
      const context = await contextFor();
      const selection = selectionOf(query);
      const rows: Array<Array<string | boolean | undefined>> = [[...csvColumns, ...consentColumns]];
      for await (const registration of selectedRegistrations(context, selection)) {
        const { consent } = registration;
        rows.push([
          ...csvColumns.map((column) => registration[column]),
          consent?.noticeVersion,
          consent?.partnerSharing,
        ]);
      }
      // The criteria name the rows; thousands of ids would add nothing to them. Named ones are listed.
      await audit.record({
        filter: selectionFilter(context.edition.id, selection),
        ...(selection.ids ? { registrationIds: [...selection.ids] } : {}),
      });
      return {
        statusCode: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="registrations-${context.edition.id}.csv"`,
          ...personal,
        },
        body: toCsv(rows),
      };
    },

    'GET /api/admin/audit': async ({ query }, _event, audit) => {
      const { actor, action, registration, limit, cursor } = query;
      const [from, to] = [query.from, query.to].map((time) => time && new Date(time).toISOString());
      const filter = {
        actor,
        action,
        registration,
        from,
        to,
        page: cursor === undefined ? undefined : 'next',
      };
      try {
        const page = await auditTrail.list({ actor, action, registration, from, to, limit, cursor });
        await audit.record({ filter });
        return json(200, page, personal);
      } catch (error) {
        return badCursor(error, audit, filter);
      }
    },
  };
}
