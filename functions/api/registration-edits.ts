import type { registrationEditsContract } from '../contract/registration-edits.ts';
import { decideMany } from '../domain/bulk-decisions.ts';
import type { RegistrationContext } from '../domain/registration-context.ts';
import { editRegistration } from '../domain/registration-edits.ts';
import { json, notFound, problem } from '../http/response.ts';
import type { Routes } from '../http/route-handler.ts';
import { countPromotions, countRegistration } from '../telemetry/business-metrics.ts';
import { adminRow, personal } from './organizer.ts';

type EditRoutes = Pick<Routes<'organizer'>, keyof typeof registrationEditsContract>;

/** Corrections and bulk decisions; each writes the audit trail (docs/audit.md). */
export function registrationEditRoutes(contextFor: () => Promise<RegistrationContext>): EditRoutes {
  return {
    'PATCH /api/admin/registrations/{id}': async ({ path: { id }, body }, _event, audit) => {
      const { reason, ...changes } = body;
      const outcome = await editRegistration(await contextFor(), id, { changes, reason }, audit);
      switch (outcome.kind) {
        case 'edited':
          return json(200, adminRow(outcome.registration), personal);
        case 'not_found':
          return notFound('There is no such registration in the current edition.');
        case 'erased':
          return problem({ kind: 'erased', detail: `This registration was erased at ${outcome.erasedAt}.` });
        case 'not_live':
          return problem({
            kind: 'conflict',
            detail: `The registration is ${outcome.status}: there is nothing to correct.`,
          });
        case 'email_taken':
          return problem({
            kind: 'conflict',
            detail: 'Another registration of this edition has this e-mail address.',
            errors: [{ path: 'email', message: 'another registration has this e-mail address' }],
          });
      }
    },

    'POST /api/admin/registrations/decisions': async ({ body }, _event, audit) => {
      const { results, counts, promoted } = await decideMany(await contextFor(), body, audit);
      for (let rejected = 0; rejected < counts.rejected; rejected += 1) countRegistration('rejected');
      countPromotions(promoted);
      return json(200, { results, counts }, personal);
    },
  };
}
