import * as z from 'zod/mini';
import { checkinAlphabet } from '../domain/checkin-code.ts';
import { signedCodePrefix } from '../domain/signed-checkin-code.ts';
import { withMeta } from './meta.ts';
import { route } from './route.ts';

const deskRoles = { roles: ['organizer', 'checkin'], security: 'organizerToken' } as const;

/** Most scans one upload carries: a desk that was offline a long while sends several uploads. */
export const scansPerUpload = 200;

const scanTime = z.iso.datetime({ offset: true });

const offlineScan = z.strictObject({
  nonce: withMeta(z.string().check(z.regex(/^[A-Za-z0-9_-]{8,100}$/)), {
    description: 'Chosen by the desk once per scan: the same nonce sent again stores nothing.',
  }),
  code: withMeta(
    z
      .string()
      .check(z.regex(new RegExp(`^(?:[${checkinAlphabet}]{9}|${signedCodePrefix}\\.[0-9A-Z.]{1,156})$`))),
    {
      description:
        'What the desk scanned: the ticket’s signed code (WZ1.…, verified with the edition’s key), or its 9-symbol check-in code typed by hand, without dashes. A stored scan names the 9-symbol code.',
    },
  ),
  scannedAt: withMeta(scanTime, { description: 'When the desk scanned the ticket, by its own clock.' }),
  desk: withMeta(z.string().check(z.regex(/^[a-z0-9-]{1,40}$/)), {
    description: 'The desk’s label, e.g. hall-a-1.',
  }),
});

const storedScan = z.object({ ...offlineScan.shape, edition: z.string(), arrivedAt: scanTime });

/** The check-in desks' routes beside the organizer's: uploads of offline scans and the public keys. */
export const checkinDeskContract = {
  'POST /api/admin/checkin/scans': route({
    function: 'organizer',
    summary: 'Upload offline scans',
    description:
      'Stores the scans a desk made while offline, each once by its nonce, with its scan time and its arrival time, and checks their registrations in at the scan time. A ticket scanned at several desks keeps every scan; the answer says per scan whether it admitted the ticket, is a duplicate (and of which scan), or was refused (unknown, revoked, not confirmed, forged). Sending an upload again changes nothing.',
    tags: ['check-in'],
    ...deskRoles,
    audit: 'checkin.scans',
    body: {
      schema: z.strictObject({
        scans: z.array(offlineScan).check(z.minLength(1), z.maxLength(scansPerUpload)),
      }),
      maxBytes: 64 * 1024,
      example: {
        scans: [
          { nonce: 'n-7f3a9c1e', code: '7KQ4M2XZ9', scannedAt: '2027-11-09T01:00:00.000Z', desk: 'hall-a-1' },
        ],
      },
    },
    answers: {
      200: {
        description: 'A receipt per scan, in the order sent.',
        json: z.object({
          receipts: z.array(
            z.object({
              nonce: z.string(),
              outcome: withMeta(z.enum(['stored', 'replayed', 'nonce-reused', 'not-stored']), {
                description:
                  'stored the first time; replayed when the nonce came before with the same scan (nothing stored again); nonce-reused when it came with another scan; not-stored for a refused scan.',
              }),
              result: withMeta(z.enum(['admitted', 'duplicate', 'refused']), {
                description:
                  'admitted: this scan checked the registration in (at its scan time): of a ticket scanned at several desks, the scan that reached the server first, whatever its scan time; duplicate: another scan checked the ticket in (duplicateOf) or a desk online did (firstCheckedInAt); refused: see reason.',
              }),
              reason: withMeta(
                z.optional(z.enum(['unknown', 'revoked', 'not-confirmed', 'forged', 'nonce-reused'])),
                {
                  description:
                    'Why a scan was refused: unknown code (or another edition’s, or erased), revoked (cancelled or rejected), not-confirmed (waiting or awaiting approval), forged (the signature does not match), nonce-reused.',
                },
              ),
              arrivedAt: z.optional(scanTime),
              duplicateOf: withMeta(z.optional(storedScan), {
                description:
                  'The scan that checked the ticket in (the registration’s check-in time is its scan time), when it is another: this scan is a duplicate.',
              }),
              firstCheckedInAt: withMeta(z.optional(scanTime), {
                description:
                  'When a desk online checked the ticket in (no uploaded scan did): this scan is a duplicate.',
              }),
            }),
          ),
        }),
      },
    },
  }),
  'GET /api/admin/checkin/keys': route({
    function: 'organizer',
    summary: 'Check-in public keys',
    description:
      'The current edition’s Ed25519 public keys (JWK), with which a desk verifies signed check-in codes offline.',
    tags: ['check-in'],
    ...deskRoles,
    audit: 'checkin.keys',
    answers: {
      200: {
        description: 'The edition and its keys.',
        json: z.object({
          edition: z.string(),
          keys: z.array(
            z.object({
              edition: z.string(),
              keyId: z.string(),
              jwk: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string() }),
            }),
          ),
        }),
      },
    },
  }),
  'GET /api/admin/checkin/figures': route({
    function: 'organizer',
    summary: 'Offline scan figures',
    description:
      'How many scans the desks uploaded for the current edition, how many tickets they scanned (each once) and how many scans were duplicates (a ticket scanned again: every scan but the one that checked it in).',
    tags: ['check-in'],
    roles: ['organizer'],
    security: 'organizerToken',
    // Counts only, no person's data; recorded all the same, as staff access.
    audit: 'statistics.read',
    answers: {
      200: {
        description: 'The figures.',
        json: z.object({
          edition: z.string(),
          scans: z.number().check(z.int(), z.gte(0)),
          ticketsScanned: z.number().check(z.int(), z.gte(0)),
          duplicates: z.number().check(z.int(), z.gte(0)),
        }),
      },
    },
  }),
};
