import { createHash, createHmac, createPrivateKey, createPublicKey, type KeyObject, sign } from 'node:crypto';
import {
  type CheckinPublicKey,
  formatSignedCode,
  type SignedCheckinFields,
  signedMessage,
  toBase32,
} from './signed-checkin-code.ts';

/** PKCS #8 wrapping of a 32-byte Ed25519 seed (RFC 8410): the fixed prefix, then the seed. */
const ed25519Pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface CheckinSigningKey {
  edition: string;
  keyId: string;
  privateKey: KeyObject;
  publicKey: CheckinPublicKey;
}

/**
 * An edition's Ed25519 key pair, derived from the check-in signing secret (Secrets Manager in AWS,
 * `.data/auth/` locally): Secrets Manager generates random text, not Ed25519 keys, so the seed is
 * HMAC-SHA-256(secret, edition), which also gives every edition a key of its own from one secret.
 * Rotating the secret changes every key id: codes signed before then check online only.
 */
export function checkinSigningKey(secret: string, edition: string): CheckinSigningKey {
  const seed = createHmac('sha256', secret).update(`wuzhen-checkin-key ${edition}`).digest();
  const privateKey = createPrivateKey({
    key: Buffer.concat([ed25519Pkcs8Prefix, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('checkinSigningKey: the public key has no x');
  const keyId = toBase32(createHash('sha256').update(jwk.x).digest()).slice(0, 4);
  return {
    edition,
    keyId,
    privateKey,
    publicKey: { edition, keyId, jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x } },
  };
}

/** The signed code for a registration's 9-symbol check-in code. */
export function signCheckinCode(key: CheckinSigningKey, code: string): string {
  const fields: SignedCheckinFields = { edition: key.edition, keyId: key.keyId, code };
  return formatSignedCode(fields, sign(null, signedMessage(fields), key.privateKey));
}
