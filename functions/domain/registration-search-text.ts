import type { Registration } from './registration-model.ts';

/** What the organizers' text search looks in: name, e-mail and organisation, lower-cased. */
export const searchTextOf = ({
  name,
  email,
  organization,
}: Pick<Registration, 'name' | 'email' | 'organization'>): string =>
  [name, email, organization ?? ''].join(' ').toLowerCase();
