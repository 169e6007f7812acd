import { describe, expect, it } from 'vitest';
import {
  type ChallengeBinding,
  checkSolution,
  createChallenge,
  defaultProofOfWorkSettings,
  maxnumberFor,
  proofOfWorkSettingsFrom,
} from '../../functions/domain/proof-of-work.ts';
import { solveChallenge } from '../support/proof-of-work.ts';

const secret = 'unit test key';
const now = new Date('2027-03-01T02:00:00Z');
const binding: ChallengeBinding = { purpose: 'registration', domain: 'example.org' };
const issue = (maxnumber = 200) =>
  createChallenge(secret, binding, { maxnumber, now, expiresInSeconds: 600 });
const payload = (fields: Record<string, unknown>) => Buffer.from(JSON.stringify(fields)).toString('base64');

function solved(maxnumber = 200) {
  const challenge = issue(maxnumber);
  const { algorithm, salt, signature } = challenge;
  return { algorithm, challenge: challenge.challenge, number: solveChallenge(challenge), salt, signature };
}

describe('ALTCHA challenges', () => {
  it('binds expiry, purpose, difficulty and e-mail domain in the salt, closed by "&"', () => {
    const { salt, maxnumber, algorithm } = issue(1234);
    expect(algorithm).toBe('SHA-256');
    expect(maxnumber).toBe(1234);
    expect(salt).toMatch(
      /^[0-9a-f]{24}\?expires=\d+&purpose=registration&maxnumber=1234&domain=example\.org&$/,
    );
    expect(Number(/expires=(\d+)/.exec(salt)?.[1])).toBe(now.getTime() / 1000 + 600);
  });

  it('accepts a solution of its own challenge, as the widget sends it', () => {
    const solution = solved();
    expect(checkSolution(secret, payload(solution), binding, now)).toMatchObject({
      ok: true,
      challenge: solution.challenge,
      maxnumber: 200,
    });
  });

  it('refuses a wrong number, another key, an edited salt, a late or misdirected solution', () => {
    const solution = solved();
    const check = (fields: Record<string, unknown>, at = now, bound = binding) =>
      checkSolution(secret, payload(fields), bound, at);
    expect(check({ ...solution, number: solution.number + 1 })).toEqual({ ok: false, reason: 'forged' });
    expect(checkSolution('another key', payload(solution), binding, now)).toEqual({
      ok: false,
      reason: 'forged',
    });
    const later = solution.salt.replace(/expires=\d+/, 'expires=9999999999');
    expect(check({ ...solution, salt: later })).toEqual({ ok: false, reason: 'forged' });
    expect(check(solution, new Date(now.getTime() + 600_000))).toEqual({ ok: false, reason: 'expired' });
    expect(check(solution, now, { purpose: 'registration', domain: 'other.example' })).toEqual({
      ok: false,
      reason: 'other-purpose',
    });
    expect(check(solution, now, { purpose: 'review' })).toEqual({
      ok: false,
      reason: 'other-purpose',
    });
  });

  it('refuses digits moved from the number into the salt (the same hash, a stretched salt)', () => {
    // salt + number is one string to the hash: a client could move leading digits of the number to
    // the end of the salt and keep hash and signature. The closing "&" makes such a salt malformed.
    let solution = solved();
    // Two digits at least, the second not 0 (a number drops leading zeros).
    while (solution.number < 10 || String(solution.number)[1] === '0') solution = solved();
    const digits = String(solution.number);
    const spliced = {
      ...solution,
      salt: solution.salt + digits.slice(0, 1),
      number: Number(digits.slice(1)),
    };
    expect(spliced.salt + spliced.number).toBe(solution.salt + solution.number);
    expect(checkSolution(secret, payload(spliced), binding, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses payloads that are not base64 JSON of the five fields', () => {
    for (const text of [
      '',
      'not base64 at all!',
      payload({ hello: 'world' }),
      payload({ ...solved(), algorithm: 'SHA-1' }),
    ]) {
      expect(checkSolution(secret, text, binding, now)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});

describe('difficulty steps', () => {
  it('rises with the recent count and never falls back', () => {
    const steps = [1, 10, 11, 30, 31, 100, 101, 1000].map((count) =>
      maxnumberFor(count, defaultProofOfWorkSettings),
    );
    expect(steps).toEqual([50_000, 50_000, 200_000, 200_000, 500_000, 500_000, 5_000_000, 5_000_000]);
  });

  it('reads the stage settings from PROOF_OF_WORK and refuses steps out of order', () => {
    expect(proofOfWorkSettingsFrom({})).toEqual(defaultProofOfWorkSettings);
    const settings = { windowSeconds: 60, expiresInSeconds: 60, steps: [{ after: 0, maxnumber: 10 }] };
    expect(proofOfWorkSettingsFrom({ PROOF_OF_WORK: JSON.stringify(settings) })).toEqual(settings);
    const unordered = {
      ...settings,
      steps: [
        { after: 0, maxnumber: 10 },
        { after: 0, maxnumber: 20 },
      ],
    };
    expect(() => proofOfWorkSettingsFrom({ PROOF_OF_WORK: JSON.stringify(unordered) })).toThrow(/ascend/);
  });
});
