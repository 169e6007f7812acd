import * as z from 'zod/mini';
import { layoutIds } from '../badges/badge-layouts.ts';
import { withMeta } from './meta.ts';
import { registrationSelectionQuery } from './registration-selection.ts';
import { route } from './route.ts';

/**
 * The most badges one PDF holds. 500 A6 badges (the largest per badge) take about 1 MB and a few
 * seconds; 2,000 in one answer would near API Gateway's 6 MB (base64) and 30 s (bench/badges.ts).
 */
export const badgesPerPart = 500;

export const badgesContract = {
  'GET /api/admin/badges.pdf': route({
    function: 'organizer',
    summary: 'Print name badges',
    description: `The name badges of the registrations the query selects (all of the current edition without one), oldest first or in the order of ids, as a PDF in the layout asked for: a6 and a7 (one badge a page, A7 landscape), a4-4xa6 and a4-8xa7 (A4 sheets with cut marks), a4-10-cards (54 × 90 mm cards, 2 × 5 on A4) and butterfly (82 × 203 mm, folded: the name twice, one copy upside down). Each badge shows the name as written, its pinyin for a Chinese name, the organisation, the country or region and the category in English and Chinese on the category's colour band, and the ticket's signed check-in QR code with the 9-symbol code. At most ${badgesPerPart} badges a PDF: a larger selection comes in parts, each naming the next in a Link header (rel="next"). The check-in role prints one badge only, of a registration checked in (ids naming one registration and no other criterion): the desk prints it right after the check-in.`,
    tags: ['organizer', 'check-in'],
    roles: ['organizer', 'checkin'],
    security: 'organizerToken',
    audit: 'badges.print',
    query: z.strictObject({
      layout: withMeta(z.enum(layoutIds), { description: 'The badge layout.', example: 'a6' }),
      ...registrationSelectionQuery,
      offset: withMeta(z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(1_000_000)), 0), {
        description: `Skips this many of the selected badges: the part starting there (given by the Link header of the part before).`,
      }),
    }),
    answers: {
      200: {
        description: 'The badges.',
        media: {
          type: 'application/pdf',
          description: 'A PDF with the fonts embedded as subsets, sent as an attachment.',
        },
        headers: {
          link: {
            description: `The next part's address (rel="next") when more than ${badgesPerPart} badges from offset are selected.`,
            schema: z.optional(z.string().check(z.regex(/^<\/api\/admin\/badges\.pdf\?[^>]*>; rel="next"$/))),
          },
          'content-disposition': {
            description: 'attachment, with a file name: badges-<edition>-<layout>-<part>.pdf.',
            schema: z.string().check(z.regex(/^attachment; filename="badges-\d{4}-[a-z0-9-]+-\d+\.pdf"$/)),
          },
        },
      },
      403: {
        description: 'The check-in role asked for more than one badge, or with other criteria than one id.',
        problems: ['forbidden'],
      },
      404: {
        description:
          'The query selects no registration (from offset on); the check-in role: the registration is not checked in.',
        problems: ['not-found'],
      },
    },
  }),
};
