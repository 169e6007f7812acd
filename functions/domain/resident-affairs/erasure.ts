import type { ServiceRequest } from './model.ts';
import { coarsen } from './public-location.ts';

/**
 * A request with its personal data gone, as the requester's erasure (and the retention rule) keep
 * it: no contact, description, address in their words, attribute answers or photos, and a point
 * as coarse as the public listing shows it (the exact one may be a home). What remains (service,
 * states, times, department) keeps the town's figures true and names nobody.
 */
export function anonymisedRequest(request: ServiceRequest): ServiceRequest {
  const { contact: _contact, addressString: _address, attributes: _attributes, ...kept } = request;
  const location =
    'landmarkVenueId' in request.location || request.location.precision === 'street'
      ? request.location
      : { ...coarsen(request.location), precision: request.location.precision };
  return { ...kept, description: '', photoKeys: [], location };
}
