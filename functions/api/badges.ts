import type { badgesContract } from '../contract/badges.ts';
import { badgesPerPart } from '../contract/badges.ts';
import { selectionOf } from '../contract/registration-selection.ts';
import type { CheckinSigningKey } from '../domain/checkin-signing-key.ts';
import type { RegistrationContext } from '../domain/registration-context.ts';
import type { Registration } from '../domain/registration-model.ts';
import {
  type RegistrationSelection,
  selectedRegistrations,
  selectionFilter,
} from '../domain/registration-selection.ts';
import { notFound, problem } from '../http/response.ts';
import { rolesOf } from '../http/roles.ts';
import type { Routes } from '../http/route-handler.ts';
import { personal } from './organizer.ts';

export interface BadgeDependencies {
  contextFor: () => Promise<RegistrationContext>;
  /** The current edition's signing key: the badge's QR code carries the ticket's signed code. */
  signingKey: (edition: string) => Promise<CheckinSigningKey>;
  /** The most badges one PDF holds (badgesPerPart; the paging tests use a few). */
  perPart?: number;
}

type BadgeRoutes = Pick<Routes<'organizer'>, keyof typeof badgesContract>;

/**
 * What a desk (the check-in role) may print: the badge of the one registration it names, once that
 * registration is checked in, so a desk prints for the person in front of it and never in bulk.
 */
function deskSelection(selection: RegistrationSelection): RegistrationSelection | undefined {
  const { ids, ...criteria } = selection;
  if (ids?.length !== 1 || Object.keys(criteria).length > 0) return undefined;
  return { ids, checkedIn: true };
}

/** The next part's address: the request's own query, from the next offset. */
function nextPart(rawQuery: string, offset: number): string {
  const query = new URLSearchParams(rawQuery);
  query.set('offset', String(offset));
  return `</api/admin/badges.pdf?${query}>; rel="next"`;
}

/** Printing name badges (docs/badges.md); each request records its entry in the audit trail. */
export function badgeRoutes({
  contextFor,
  signingKey,
  perPart = badgesPerPart,
}: BadgeDependencies): BadgeRoutes {
  return {
    'GET /api/admin/badges.pdf': async ({ query }, event, audit) => {
      const context = await contextFor();
      const { layout, offset, ...selectionQuery } = query;
      const asked = selectionOf(selectionQuery);
      const filter = { ...selectionFilter(context.edition.id, asked), layout, offset: String(offset) };
      const selection = rolesOf(event).includes('organizer') ? asked : deskSelection(asked);
      if (!selection) {
        await audit.record({ filter, outcome: 'refused' });
        return problem({
          kind: 'forbidden',
          detail:
            'The check-in role prints one badge at a time: name one registration in ids, and nothing else.',
        });
      }
      // Read up to this part's end and one registration past it: enough to know if a next part exists.
      const part: Registration[] = [];
      let more = false;
      let position = 0;
      for await (const registration of selectedRegistrations(context, selection)) {
        if (position === offset + perPart) {
          more = true;
          break;
        }
        if (position >= offset) part.push(registration);
        position += 1;
      }
      if (part.length === 0) {
        await audit.record({ filter, outcome: 'refused' });
        return notFound(
          selection === asked
            ? 'No registration matches the selection from this offset on.'
            : 'This registration is not checked in: its badge is printed after the check-in.',
        );
      }
      const { edition } = context;
      const categories = new Map(
        (await context.store.listCategories(edition.id)).map((category) => [category.id, category]),
      );
      const { printBadges } = await import('#print-badges');
      const pdf = await printBadges(layout, part, {
        editionName: edition.name,
        categories,
        signingKey: await signingKey(edition.id),
      });
      await audit.record({ filter, registrationIds: part.map(({ id }) => id) });
      const partNumber = Math.floor(offset / perPart) + 1;
      return {
        statusCode: 200,
        headers: {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="badges-${edition.id}-${layout}-${partNumber}.pdf"`,
          ...personal,
          ...(more ? { link: nextPart(event.rawQueryString, offset + part.length) } : {}),
        },
        body: pdf.toString('base64'),
        isBase64Encoded: true,
      };
    },
  };
}
