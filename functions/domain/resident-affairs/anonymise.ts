import type { MailTransport } from '../../mail/mail-transport.ts';
import type { PhotoStore } from '../../store/photo-store.ts';
import type { ResidentAffairsStore } from '../../store/resident-affairs-store.ts';
import type { ServiceRequest } from './model.ts';
import { coarsen } from './public-location.ts';

/** How long a closed request keeps its personal data unless the deployment says otherwise. */
export const defaultResidentAffairsRetentionDays = 180;

/**
 * What a request keeps once anonymised (after the retention period, or at its requester's
 * erasure): what the town's figures count (service, state, department, times) and the place as the
 * public sees it. The requester's contact, words, place description, attribute answers (a plate is
 * personal data) and photos go; an exact point becomes its public ~100 m cell, and a point staff
 * confirmed as a public street stays as it is (it was public already). The follow token's hash
 * stays, so the follow link answers "erased" rather than "unknown".
 */
export function keptAfterAnonymisation(request: ServiceRequest): ServiceRequest {
  const { contact: _contact, addressString: _address, attributes: _attributes, ...rest } = request;
  const { location } = request;
  return {
    ...rest,
    description: '',
    photoKeys: [],
    location:
      'landmarkVenueId' in location || location.precision === 'street'
        ? location
        : { ...coarsen(location), precision: 'exact' },
  };
}

export interface AnonymiseDependencies {
  store: ResidentAffairsStore;
  photos: PhotoStore;
  /** Where delivered e-mails leave copies (locally the .eml folder); SES keeps none. */
  mailCopies?: Pick<Required<MailTransport>, 'forget'>;
  now: () => Date;
}

/**
 * Removes a request's personal data for good, for the retention rule and for its requester's
 * erasure alike: the request anonymised (with its notes' text and the e-mails still queued for it,
 * in one transaction, while it is still in the state it was read in), then its photos and the
 * delivered e-mails' copies. The photos go only once the request is anonymised: one that changed
 * meanwhile keeps them. Throws ResidentAffairsConflict when the request changed since it was read.
 */
export async function anonymiseRequest(
  { store, photos, mailCopies, now }: AnonymiseDependencies,
  request: ServiceRequest,
): Promise<{ photosRemoved: number; messagesRemoved: number }> {
  const messageIds = await store.anonymise({
    kept: keptAfterAnonymisation(request),
    expectedState: request.state,
    at: now().toISOString(),
  });
  await photos.remove(request.photoKeys);
  if (messageIds.length) await mailCopies?.forget(messageIds);
  return { photosRemoved: request.photoKeys.length, messagesRemoved: messageIds.length };
}
