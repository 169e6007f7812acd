import { checkinSigningKey } from '../../functions/domain/checkin-signing-key.ts';

/** The secret the tests' check-in signing keys derive from. */
export const testCheckinSigningSecret = 'test-checkin-signing-secret';

/** An edition's check-in signing key in tests, as wiring.ts's checkinSigningKeys gives it in a function. */
export const testSigningKey = async (edition: string) => checkinSigningKey(testCheckinSigningSecret, edition);
