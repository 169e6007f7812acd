import * as z from 'zod/mini';
import { checkinAlphabet } from '../domain/checkin-code.ts';
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
  code: withMeta(z.string().check(z.regex(new RegExp(`^[${checkinAlphabet}]{9}$`))), {
    description: 'The ticket’s 9-symbol check-in code, without dashes (the signed code’s code field).',
  }),
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
      'Stores the scans a desk made while offline, each once by its nonce, with its scan time and its arrival time. A ticket scanned at several desks keeps every scan; the answer says which of the uploaded scans are duplicates and of which scan.',
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
              outcome: z.enum(['stored', 'replayed', 'nonce-reused']),
              arrivedAt: z.optional(scanTime),
              duplicateOf: withMeta(z.optional(storedScan), {
                description:
                  'The scan that admitted the ticket, when it is another: this scan is a duplicate.',
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
      'How many scans the desks uploaded for the current edition, how many tickets they admitted and how many scans were duplicates (a ticket scanned again).',
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
