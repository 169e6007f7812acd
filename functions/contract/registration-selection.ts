import * as z from 'zod/mini';
import type { RegistrationSelection } from '../domain/registration-selection.ts';
import { commaList, ulidPattern } from './comma-list.ts';
import { categoryIdParameter, countryCodeParameter } from './identifiers.ts';
import { searchTextLimit } from './limits.ts';
import { withMeta } from './meta.ts';
import { registrationStatus } from './registrations.ts';
import { freeText } from './text.ts';

/** Enough for a day's batch of approvals or badges by hand; larger sets are chosen by criteria. */
export const selectedIdsLimit = 200;

/**
 * The query parameters that choose registrations for an organizer's bulk tool (badges, the CSV
 * export); every criterion given must hold. functions/domain/registration-selection.ts applies them.
 */
export const registrationSelectionQuery = {
  ids: z.optional(
    commaList(
      ulidPattern,
      selectedIdsLimit,
      `Only these registrations: up to ${selectedIdsLimit} ids, separated by commas.`,
      '01JD3Z6Q8N4X2V7B5C9K1M0PRS,01JD3Z7A1B2C3D4E5F6G7H8J9K',
    ),
  ),
  status: z.optional(registrationStatus),
  category: z.optional(categoryIdParameter),
  country: z.optional(countryCodeParameter),
  q: withMeta(z.optional(freeText({ max: searchTextLimit })), {
    description: 'Found, case-insensitively, in the name, e-mail or organisation.',
  }),
  checkedIn: withMeta(
    z.optional(
      z.pipe(
        z.enum(['true', 'false']),
        z.transform((flag: 'true' | 'false') => flag === 'true'),
      ),
    ),
    { description: 'true: only those checked in; false: only those not yet checked in.' },
  ),
  since: withMeta(z.optional(z.iso.datetime({ offset: true })), {
    description: 'Only those registered at or after this time.',
    example: '2027-10-01T00:00:00+08:00',
  }),
};

type SelectionQuery = z.infer<z.ZodMiniObject<typeof registrationSelectionQuery>>;

export function selectionOf({
  ids,
  status,
  category,
  country,
  q,
  checkedIn,
  since,
}: SelectionQuery): RegistrationSelection {
  return {
    ...(ids ? { ids } : {}),
    ...(status ? { status } : {}),
    ...(category ? { category } : {}),
    ...(country ? { country } : {}),
    ...(q ? { text: q } : {}),
    ...(checkedIn === undefined ? {} : { checkedIn }),
    ...(since ? { registeredSince: new Date(since).toISOString() } : {}),
  };
}
