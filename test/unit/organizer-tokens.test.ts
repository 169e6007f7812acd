import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizerTokenVerifier, signOrganizerToken } from '../../local/organizer-tokens.ts';

let dataDirectory: string;
let verify: Awaited<ReturnType<typeof organizerTokenVerifier>>;

beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'organizer-tokens-'));
  verify = await organizerTokenVerifier(dataDirectory);
});

afterAll(() => rm(dataDirectory, { recursive: true, force: true }));

const now = () => Math.floor(Date.now() / 1000);

/** A token signed with the local issuer's own key, with exactly the claims given. */
async function signed(claims: JWTPayload): Promise<string> {
  const jwk = JSON.parse(await readFile(join(dataDirectory, 'auth', 'signing-key.json'), 'utf8'));
  return new SignJWT({
    iss: 'urn:wuzhen-portal:local',
    aud: 'wuzhen-portal-organizers',
    sub: 'someone',
    token_use: 'id',
    ...claims,
  })
    .setProtectedHeader({ alg: 'ES256' })
    .sign(await importJWK(jwk, 'ES256'));
}

describe('the local organizer token verifier', () => {
  it('accepts the tokens `npm run token` signs, with their groups as an array', async () => {
    const claims = await verify(await signOrganizerToken(dataDirectory, 'checkin'));
    expect(claims['cognito:groups']).toEqual(['checkin']);
  });

  it('signs no token living longer than the verifier accepts', async () => {
    await expect(signOrganizerToken(dataDirectory, 'organizer', { expiresIn: '48h' })).rejects.toThrow(
      RangeError,
    );
    await verify(await signOrganizerToken(dataDirectory, 'organizer', { expiresIn: '24h' }));
  });

  it('accepts a token shaped as Cognito issues it', async () => {
    const iat = now();
    const claims = await verify(await signed({ iat, exp: iat + 3600, 'cognito:groups': ['organizer'] }));
    expect(claims.sub).toBe('someone');
  });

  it.each<[string, (iat: number) => JWTPayload]>([
    ['without exp', (iat) => ({ iat, 'cognito:groups': ['organizer'] })],
    ['with exp as a string', (iat) => ({ iat, exp: String(iat + 3600), 'cognito:groups': ['organizer'] })],
    ['without iat', (iat) => ({ exp: iat + 3600, 'cognito:groups': ['organizer'] })],
    ['living longer than a day', (iat) => ({ iat, exp: iat + 86_401, 'cognito:groups': ['organizer'] })],
    ['living a year', (iat) => ({ iat, exp: iat + 365 * 86_400, 'cognito:groups': ['organizer'] })],
    ['expiring before it was issued', (iat) => ({ iat, exp: iat - 1, 'cognito:groups': ['organizer'] })],
    ['expired', (iat) => ({ iat: iat - 7200, exp: iat - 3600, 'cognito:groups': ['organizer'] })],
    [
      'with its groups space-separated',
      (iat) => ({ iat, exp: iat + 3600, 'cognito:groups': 'organizer checkin' }),
    ],
    [
      'with its groups comma-separated',
      (iat) => ({ iat, exp: iat + 3600, 'cognito:groups': 'organizer,checkin' }),
    ],
    ['with its groups as one string', (iat) => ({ iat, exp: iat + 3600, 'cognito:groups': 'organizer' })],
    [
      'with its groups already flattened',
      (iat) => ({ iat, exp: iat + 3600, 'cognito:groups': '[organizer checkin]' }),
    ],
    [
      'with a group that is not a string',
      (iat) => ({ iat, exp: iat + 3600, 'cognito:groups': [['organizer']] }),
    ],
  ])('refuses a token %s', async (_what, claims) => {
    await expect(verify(await signed(claims(now())))).rejects.toThrow();
  });
});
