import { randomBytes } from 'node:crypto';
import type { IdempotencyStore } from '../../store/idempotency-store.ts';
import type { PhotoStore } from '../../store/photo-store.ts';
import { requestPhotosPrefix, stagedPrefix } from '../../store/photo-store.ts';
import type { ResidentAffairsStore } from '../../store/resident-affairs-store.ts';
import { type IdempotencyRecord, type IdempotencyRequest, runOnce, sealResponse } from '../idempotency.ts';
import { newId } from '../ids.ts';
import { generateManageToken, hashManageToken } from '../manage-token.ts';
import type { RequestLocale, ServiceRequest } from './model.ts';
import type { FieldProblem, NewRequestDraft } from './new-request.ts';
import { serviceNotice, serviceOf } from './services.ts';

export interface SubmitDependencies {
  store: ResidentAffairsStore;
  idempotency: IdempotencyStore;
  photos: PhotoStore;
  siteOrigin: string;
  firstResponseTargetMinutes: number;
  now: () => Date;
}

/** POST requests.json's answer: GeoReport's list of one, with the follow token and link. */
export type SubmittedAnswer = [
  {
    service_request_id: string;
    service_notice: string;
    account_id: null;
    follow_token: string;
    follow_url: string;
  },
];

export type SubmitOutcome =
  | { kind: 'created' | 'replayed'; response: SubmittedAnswer }
  | { kind: 'invalid'; errors: FieldProblem[] }
  | { kind: 'key_reused' }
  | { kind: 'in_flight' };

/** An upload's id: 128 random bits in hex, so it is a photo key segment and cannot be guessed. */
export const newUploadId = () => randomBytes(16).toString('hex');

export const stagedKey = (uploadId: string) => `${stagedPrefix}${uploadId}`;

/**
 * How long an upload waits to be attached before the retention run (and the bucket's rule) deletes
 * it: a day, since the report page attaches its photos at once.
 */
export const stagedUploadMs = 24 * 60 * 60 * 1000;

/** The follow page in the request's language, the token in the fragment (never sent to a server). */
export function followUrl(siteOrigin: string, locale: RequestLocale, token: string): string {
  return `${siteOrigin}${locale === 'zh' ? '/zh' : ''}/help/request/#token=${token}`;
}

/**
 * Stores a validated request with its photos, all or nothing, once per Idempotency-Key and body
 * (`runOnce`: a retry gets the first answer, sealed, as it carries the token). The staged uploads must all
 * exist; they are copied under the request, the request written (one transaction), and only then
 * the staged copies removed. A failed write removes the copies, so nothing is stored half-way.
 */
export async function submitRequest(
  deps: SubmitDependencies,
  draft: NewRequestDraft,
  uploadIds: readonly string[],
  idempotency?: IdempotencyRequest,
): Promise<SubmitOutcome> {
  return runOnce<SubmitOutcome, SubmittedAnswer>(deps.idempotency, deps.now(), idempotency, (record) =>
    storeRequest(deps, draft, uploadIds, record),
  );
}

async function storeRequest(
  deps: SubmitDependencies,
  draft: NewRequestDraft,
  uploadIds: readonly string[],
  record: IdempotencyRecord | undefined,
): Promise<SubmitOutcome> {
  const staged = await Promise.all(uploadIds.map((uploadId) => deps.photos.get(stagedKey(uploadId))));
  const missing = uploadIds.filter((_, index) => staged[index] === undefined);
  if (missing.length) {
    return {
      kind: 'invalid',
      errors: [
        {
          path: 'media_ids',
          message: `unknown-upload: ${missing.length} of the upload_id are not waiting to be attached (unknown, attached already, or older than ${stagedUploadMs / 3_600_000} hours)`,
        },
      ],
    };
  }
  const id = newId();
  const token = generateManageToken();
  const now = deps.now().toISOString();
  const photoKeys = staged.map((_, index) => `${requestPhotosPrefix}${id}/${index + 1}`);
  const request: ServiceRequest = {
    id,
    serviceCode: draft.serviceCode,
    description: draft.description,
    location: draft.location,
    ...(draft.addressString === undefined ? {} : { addressString: draft.addressString }),
    ...(draft.contact === undefined ? {} : { contact: draft.contact }),
    attributes: draft.attributes,
    photoKeys,
    state: 'submitted',
    submittedAt: now,
    followTokenHash: hashManageToken(token),
    locale: draft.locale,
  };
  const response: SubmittedAnswer = [
    {
      service_request_id: id,
      service_notice: serviceNotice(serviceOf(request), draft.locale, deps.firstResponseTargetMinutes),
      account_id: null,
      follow_token: token,
      follow_url: followUrl(deps.siteOrigin, draft.locale, token),
    },
  ];
  try {
    for (const [index, photo] of staged.entries()) {
      if (photo) await deps.photos.put(photoKeys[index] as string, photo);
    }
    await deps.store.create({
      request,
      firstEntry: { at: now, kind: 'state', state: 'submitted' },
      ...(record && {
        idempotency: {
          recordId: record.id,
          requestHash: record.requestHash,
          sealedResponse: sealResponse(response, record.key, record.id),
        },
      }),
    });
  } catch (error) {
    await deps.photos.remove(photoKeys);
    throw error;
  }
  await deps.photos.remove(uploadIds.map(stagedKey));
  return { kind: 'created', response };
}
