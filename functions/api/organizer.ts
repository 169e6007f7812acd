import * as z from 'zod';
import { toCsv } from '../domain/csv.ts';
import { approve, checkIn, listRegistrations, reject, setCapacity, statistics } from '../domain/organizer.ts';
import type { RegistrationContext } from '../domain/registration-context.ts';
import type { Registration } from '../domain/registration-model.ts';
import { parseQuery } from '../http/query-parameters.ts';
import { parseJsonBody } from '../http/request-body.ts';
import { type HttpResult, json, notFound, problem } from '../http/response.ts';
import { requireRole } from '../http/roles.ts';
import type { Route } from '../http/route-handler.ts';
import { InvalidCursorError } from '../store/store-errors.ts';

const personal = { 'cache-control': 'no-store' };

const listQuery = z.strictObject({
  status: z.enum(['confirmed', 'waitlisted', 'pending_approval', 'rejected', 'cancelled']).optional(),
  category: z.string().max(40).optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'a two-letter country code')
    .toUpperCase()
    .optional(),
  q: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});

const capacityBody = z.strictObject({ capacity: z.number().int().min(0).max(100_000) });
const checkinBody = z.strictObject({
  code: z.string().trim().min(1).max(40),
  nonce: z.string().min(8).max(100).optional(),
});

const summary = ({ name, category, country }: Registration) => ({ name, category, country });

function adminRow(registration: Registration) {
  const { id, code, status, category, name, email, country, organization, createdAt, checkedInAt } =
    registration;
  return { id, code, status, category, name, email, country, organization, createdAt, checkedInAt };
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

/** Every organizer route answers 401/403 before it reads anything. */
function guarded(roles: Array<'organizer' | 'checkin'>, route: Route): Route {
  return async (event) => requireRole(event, roles) ?? route(event);
}

export function organizerRoutes(contextFor: () => Promise<RegistrationContext>): Record<string, Route> {
  const decision = (decide: typeof approve) =>
    guarded(['organizer'], async (event) => {
      const outcome = await decide(await contextFor(), event.pathParameters?.id ?? '');
      if (outcome.kind === 'not_found') return notFound('There is no such registration.');
      if (outcome.kind === 'not_pending') {
        return problem({
          status: 409,
          title: 'Conflict',
          detail: `The registration is ${outcome.status}, not awaiting approval.`,
        });
      }
      return json(200, adminRow(outcome.registration), personal);
    });

  return {
    'GET /api/admin/registrations': guarded(['organizer'], async (event) => {
      const query = parseQuery(event, listQuery);
      if (!query.ok) return query.result;
      const { q, ...filters } = query.value;
      try {
        const page = await listRegistrations(await contextFor(), { ...filters, text: q });
        return json(200, { items: page.items.map(adminRow), nextCursor: page.nextCursor }, personal);
      } catch (error) {
        if (!(error instanceof InvalidCursorError)) throw error;
        return problem({
          status: 400,
          title: 'Bad Request',
          detail: error.message,
          errors: [{ path: 'cursor', message: error.message }],
        });
      }
    }),

    'POST /api/admin/registrations/{id}/approve': decision(approve),
    'POST /api/admin/registrations/{id}/reject': decision(reject),

    'PUT /api/admin/categories/{id}': guarded(['organizer'], async (event) => {
      const body = parseJsonBody(event, capacityBody, 1024);
      if (!body.ok) return body.result;
      const outcome = await setCapacity(
        await contextFor(),
        event.pathParameters?.id ?? '',
        body.value.capacity,
      );
      if (outcome.kind === 'not_found') return notFound('There is no such category.');
      if (outcome.kind === 'below_confirmed') {
        return problem({
          status: 409,
          title: 'Conflict',
          detail: `${outcome.confirmed} registrations are confirmed; capacity cannot be lower.`,
          errors: [{ path: 'capacity', message: `must be at least ${outcome.confirmed}` }],
        });
      }
      const { id, capacity, confirmed, waitlisted, pending, checkedIn } = outcome.category;
      return json(200, { id, capacity, confirmed, waitlisted, pending, checkedIn }, personal);
    }),

    'POST /api/admin/checkins': guarded(['organizer', 'checkin'], async (event): Promise<HttpResult> => {
      const body = parseJsonBody(event, checkinBody, 1024);
      if (!body.ok) return body.result;
      const outcome = await checkIn(await contextFor(), body.value.code, body.value.nonce);
      switch (outcome.kind) {
        case 'checked_in':
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
            status: 422,
            title: 'Not Confirmed',
            detail: `This registration is ${outcome.registration.status}: it has no seat to check in to.`,
          });
        case 'unknown_code':
          return notFound('No registration has this check-in code.');
      }
    }),

    'GET /api/admin/stats': guarded(['organizer'], async () =>
      json(200, await statistics(await contextFor()), personal),
    ),

    'GET /api/admin/registrations.csv': guarded(['organizer'], async () => {
      const context = await contextFor();
      const rows: Array<Array<string | boolean | undefined>> = [[...csvColumns]];
      for await (const registration of context.store.all(context.edition.id)) {
        rows.push(csvColumns.map((column) => registration[column]));
      }
      return {
        statusCode: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="registrations-${context.edition.id}.csv"`,
          ...personal,
        },
        body: toCsv(rows),
      };
    }),
  };
}
