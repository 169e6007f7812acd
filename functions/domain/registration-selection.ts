import type { RegistrationContext } from './registration-context.ts';
import type { Registration, RegistrationStatus } from './registration-model.ts';
import { searchTextOf } from './registration-search-text.ts';

/**
 * Which registrations an organizer's bulk tool works on (badges, the CSV export): named ones, or
 * every one matching all the criteria given. Erased registrations are never selected: nothing of
 * theirs is left to print or export.
 */
export interface RegistrationSelection {
  /** These registrations, in this order; the other criteria still apply to them. */
  ids?: readonly string[];
  status?: RegistrationStatus;
  category?: string;
  /** A two-letter country code. */
  country?: string;
  /** Found, case-insensitively, in the name, e-mail or organisation (as the organizers' list searches). */
  text?: string;
  checkedIn?: boolean;
  /** Registered at or after this instant (ISO 8601). */
  registeredSince?: string;
}

export function isSelected(selection: RegistrationSelection, registration: Registration): boolean {
  const { status, category, country, text, checkedIn, registeredSince } = selection;
  if (registration.erasedAt) return false;
  if (status !== undefined && registration.status !== status) return false;
  if (category !== undefined && registration.category !== category) return false;
  if (country !== undefined && registration.country !== country) return false;
  if (text !== undefined && !searchTextOf(registration).includes(text.toLowerCase())) return false;
  if (checkedIn !== undefined && Boolean(registration.checkedInAt) !== checkedIn) return false;
  if (registeredSince !== undefined && Date.parse(registration.createdAt) < Date.parse(registeredSince))
    return false;
  return true;
}

/** The current edition's registrations the selection names, oldest first (or in the order of `ids`). */
export async function* selectedRegistrations(
  { store, edition }: RegistrationContext,
  selection: RegistrationSelection,
): AsyncGenerator<Registration> {
  if (selection.ids) {
    for (const id of new Set(selection.ids)) {
      const registration = (await store.get(id))?.registration;
      if (registration?.edition === edition.id && isSelected(selection, registration)) yield registration;
    }
    return;
  }
  for await (const registration of store.all(edition.id)) {
    if (isSelected(selection, registration)) yield registration;
  }
}

/** The selection as an audit entry's filter: the edition and each criterion given (ids by count). */
export function selectionFilter(edition: string, selection: RegistrationSelection): Record<string, string> {
  const { ids, status, category, country, text, checkedIn, registeredSince } = selection;
  return Object.fromEntries(
    Object.entries({
      edition,
      ids: ids && String(ids.length),
      status,
      category,
      country,
      q: text,
      checkedIn: checkedIn === undefined ? undefined : String(checkedIn),
      since: registeredSince,
    }).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
