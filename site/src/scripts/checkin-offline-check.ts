/**
 * A scanned or typed code checked on the device, without the network: a signed code must verify
 * under the edition's public key (WebCrypto Ed25519, the API's own verifier), and any code must be
 * in the roster and not revoked. A 9-symbol code typed by hand carries no signature: only the
 * roster vouches for it.
 */

import { normalizeCheckinCode } from '../../../functions/domain/checkin-code.ts';
import { checkinCodeHash } from '../../../functions/domain/checkin-code-hash.ts';
import {
  isSignedCode,
  signedCodeFields,
  verifySignedCode,
} from '../../../functions/domain/signed-checkin-code.ts';
import type { DeskLists, RosterEntry } from './checkin-offline-store.ts';

export type RefusalReason = 'malformed' | 'forged' | 'other-edition' | 'revoked' | 'not-in-roster';

export type OfflineCheck =
  | { kind: 'admitted'; code: string; codeHash: string; attendee: RosterEntry }
  | { kind: 'repeat'; code: string; attendee: RosterEntry; firstAt: string }
  | { kind: 'refused'; reason: RefusalReason };

const refused = (reason: RefusalReason): OfflineCheck => ({ kind: 'refused', reason });

/** The 9-symbol code a scanned or typed text names, its signature unchecked (the server checked it). */
export function ticketCode(input: string): string | undefined {
  const text = input.trim();
  return isSignedCode(text) ? signedCodeFields(text)?.code : normalizeCheckinCode(text);
}

export async function checkOffline(
  input: string,
  lists: DeskLists,
  seenAt: (codeHash: string) => Promise<string | undefined>,
): Promise<OfflineCheck> {
  const text = input.trim();
  let code: string | undefined;
  if (isSignedCode(text)) {
    const check = await verifySignedCode(text, lists.edition, lists.keys);
    if (!check.valid) {
      return refused(
        check.reason === 'other-edition' || check.reason === 'malformed' ? check.reason : 'forged',
      );
    }
    code = check.fields.code;
  } else {
    code = normalizeCheckinCode(text);
  }
  if (!code) return refused('malformed');
  const codeHash = await checkinCodeHash(code);
  if (lists.revoked.includes(codeHash)) return refused('revoked');
  const attendee = lists.roster[codeHash];
  if (!attendee) return refused('not-in-roster');
  const firstAt = await seenAt(codeHash);
  return firstAt
    ? { kind: 'repeat', code, attendee, firstAt }
    : { kind: 'admitted', code, codeHash, attendee };
}
