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
