/**
 * Registrations made straight through a running portal's API, for tests whose subject comes after
 * registering (a ticket page, check-in at the door): no form to fill first.
 */
import { expect } from 'vitest';
import type { RegistrationCreated } from '../../functions/domain/registrations.ts';
import { fetchSolution } from './proof-of-work.ts';
import { portalConsents } from './registration-consents.ts';

/** An address no earlier test run can have registered already (one e-mail, one registration). */
export const uniqueEmail = (name: string) =>
  `${name}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.com`;

export interface Registrant {
  name: string;
  email: string;
  country: string;
  language: 'en' | 'zh';
  organization?: string;
}

/**
 * Registers someone as a speaker (confirmed at once), solving the proof of work as the form does,
 * and fails the test unless the API says 201.
 */
export async function registerThroughApi(
  portalUrl: string,
  person: Registrant,
): Promise<RegistrationCreated> {
  const response = await fetch(new URL('/api/registrations', portalUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({
      category: 'speaker',
      ...portalConsents,
      ...person,
      altcha: await fetchSolution(portalUrl, 'registration', person.email),
    }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as RegistrationCreated;
}

/** The manage page within the portal (path and token fragment), as the confirmation e-mail links it. */
export function manageAddress({ manageUrl }: RegistrationCreated): string {
  const { pathname, hash } = new URL(manageUrl);
  return `${pathname}${hash}`;
}
