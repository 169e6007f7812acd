import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';

/**
 * Locally the portal is its own token issuer, standing in for the Cognito user pool: an ES256 key
 * pair under the data folder signs organizer tokens, and the local gateway verifies them as API
 * Gateway's JWT authorizer does in AWS.
 */
const issuer = 'urn:wuzhen-portal:local';
const audience = 'wuzhen-portal-organizers';
const algorithm = 'ES256';

export type OrganizerRole = 'organizer' | 'checkin';

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
  return new SignJWT({ 'cognito:groups': [role], token_use: 'id' })
    .setProtectedHeader({ alg: algorithm })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(privateKey);
}

/** The verifier the local gateway uses: resolves the claims of a valid token, rejects anything else. */
export async function organizerTokenVerifier(dataDirectory: string) {
  const { publicKey } = await keyPair(dataDirectory);
  return async (token: string): Promise<JWTPayload> =>
    (await jwtVerify(token, publicKey, { issuer, audience, algorithms: [algorithm] })).payload;
}
