import { expect } from 'vitest';

type Item = Record<string, unknown>;

/**
 * Checks the architecture's invariants over every item of the registrations table: per category,
 * confirmed ≤ capacity and every counter equals the registrations it counts; no seat stays free
 * while someone waits; each live registration holds exactly one e-mail claim and one code claim;
 * check-ins are only of confirmed registrations. An erased registration holds no claim and no
 * waiting-list entry (its counters still count it: it keeps its status).
 */
export function expectInvariants(items: Item[]) {
  const registrations = items.filter((item) => String(item.pk).startsWith('REGISTRATION#'));
  const categories = items.filter((item) => String(item.pk).startsWith('CATEGORY#'));
  const emailClaims = items.filter((item) => String(item.pk).startsWith('EMAIL#'));
  const codeClaims = items.filter((item) => String(item.pk).startsWith('CODE#'));

  for (const category of categories) {
    const own = registrations.filter((registration) => registration.category === category.id);
    const count = (status: string) => own.filter((registration) => registration.status === status).length;
    const label = `category ${category.id}`;
    expect(category.confirmed, label).toBe(count('confirmed'));
    expect(category.waitlisted, label).toBe(count('waitlisted'));
    expect(category.pending, label).toBe(count('pending_approval'));
    expect(category.checkedIn, label).toBe(own.filter((registration) => registration.checkedInAt).length);
    expect(Number(category.confirmed), label).toBeLessThanOrEqual(Number(category.capacity));
    if (Number(category.waitlisted) > 0)
      expect(category.confirmed, `${label}: a seat is free while people wait`).toBe(category.capacity);
  }

  const unerased = registrations.filter((registration) => registration.erasedAt === undefined);
  const live = unerased.filter(
    (registration) => !['cancelled', 'rejected'].includes(String(registration.status)),
  );
  const claimedBy = new Map(emailClaims.map((claim) => [String(claim.registrationId), claim]));
  expect(emailClaims.length, 'one e-mail claim per live registration').toBe(live.length);
  for (const registration of live)
    expect(claimedBy.has(String(registration.id)), String(registration.id)).toBe(true);
  expect(codeClaims.length).toBe(unerased.length);

  for (const registration of registrations) {
    const waiting = registration.status === 'waitlisted' && registration.erasedAt === undefined;
    expect(registration.waitlistKey !== undefined, `${registration.id} waitlist index entry`).toBe(waiting);
    if (registration.checkedInAt) expect(registration.status).toBe('confirmed');
  }
}
