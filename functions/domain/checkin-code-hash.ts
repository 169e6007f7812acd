// WebCrypto only, so the check-in desk page hashes a scanned code with the same code as the API.

/**
 * How a ticket is named in the desks' roster and revoked list: SHA-256 of its 9-symbol check-in
 * code, base64url without padding (43 symbols). A desk matches a scanned code by its hash, so the
 * lists it keeps offline carry no code a person could type in at another desk.
 */
export async function checkinCodeHash(code: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(code)));
  return btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The shape of a code hash, for the contract. */
export const checkinCodeHashPattern = /^[A-Za-z0-9_-]{43}$/;
