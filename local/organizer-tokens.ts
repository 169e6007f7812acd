import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeJwt, exportJWK, generateKeyPair, importJWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { Role } from '../functions/domain/staff-roles.ts';

/**
 * Locally the portal is its own token issuer, standing in for the Cognito user pool: an ES256 key
 * pair under the data folder signs organizer tokens, and the local gateway verifies them as API
 * Gateway's JWT authorizer does in AWS.
 */
const issuer = 'urn:wuzhen-portal:local';
const audience = 'wuzhen-portal-organizers';
const algorithm = 'ES256';

export type OrganizerRole = Role;

async function keyPair(dataDirectory: string) {
  const file = join(dataDirectory, 'auth', 'signing-key.json');
  const stored = await readFile(file, 'utf8').catch(() => undefined);
  if (stored) {
    const jwk = JSON.parse(stored);
    const { d: _private, ...publicJwk } = jwk;
    return { privateKey: await importJWK(jwk, algorithm), publicKey: await importJWK(publicJwk, algorithm) };
  }
  const pair = await generateKeyPair(algorithm, { extractable: true });
  await mkdir(join(dataDirectory, 'auth'), { recursive: true });
  await writeFile(file, JSON.stringify(await exportJWK(pair.privateKey)), { mode: 0o600 });
  return pair;
}

export async function signOrganizerToken(
  dataDirectory: string,
  role: OrganizerRole,
  { subject = `local-${role}`, expiresIn = '8h' }: { subject?: string; expiresIn?: string | number } = {},
): Promise<string> {
  const { privateKey } = await keyPair(dataDirectory);
  const token = await new SignJWT({ 'cognito:groups': [role], token_use: 'id' })
    .setProtectedHeader({ alg: algorithm })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(privateKey);
  // An already expired token is signed on purpose (tests of the refusal); one the verifier would
  // refuse for living too long is only a mistake.
  const { iat = 0, exp = 0 } = decodeJwt(token);
  if (exp - iat > longestLifetimeSeconds) {
    throw new RangeError(`a staff token lives at most a day, as Cognito's do, not ${expiresIn}`);
  }
  return token;
}

/** Cognito's longest ID token lifetime (one day): a token meant to live longer is not one it issued. */
const longestLifetimeSeconds = 24 * 60 * 60;

/**
 * Why verified claims are still not a staff token's, or undefined when they are one. API Gateway's
 * JWT authorizer refuses a token without `exp`; a token that says when it was issued and lives at
 * most a day is what Cognito issues; and Cognito sends `cognito:groups` as an array of strings.
 */
export function claimsRefusal(payload: JWTPayload): string | undefined {
  const { exp, iat } = payload;
  if (typeof exp !== 'number') return 'no expiry (exp)';
  if (typeof iat !== 'number') return 'no issue time (iat)';
  if (exp <= iat || exp - iat > longestLifetimeSeconds) return 'a lifetime of more than a day';
  const groups = payload['cognito:groups'];
  if (
    groups !== undefined &&
    !(Array.isArray(groups) && groups.every((group) => typeof group === 'string'))
  ) {
    return 'cognito:groups that is not an array of strings';
  }
  return undefined;
}

/** The verifier the local gateway uses: resolves the claims of a valid token, rejects anything else. */
export async function organizerTokenVerifier(dataDirectory: string) {
  const { publicKey } = await keyPair(dataDirectory);
  return async (token: string): Promise<JWTPayload> => {
    const { payload } = await jwtVerify(token, publicKey, {
      issuer,
      audience,
      algorithms: [algorithm],
      requiredClaims: ['exp', 'iat'],
    });
    const refusal = claimsRefusal(payload);
    if (refusal) throw new Error(`Refused a token with ${refusal}.`);
    return payload;
  };
}
