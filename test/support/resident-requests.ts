import { newId } from '../../functions/domain/ids.ts';
import type { ServiceRequest } from '../../functions/domain/resident-affairs/model.ts';
import type { ResidentAffairsStore } from '../../functions/store/resident-affairs-store.ts';

/**
 * A resident's request written through the store as the POST route writes one (the request and its
 * `submitted` entry in one transaction), for tests of the staff side that need requests to work on.
 */
export async function storedRequest(
  store: ResidentAffairsStore,
  overrides: Partial<ServiceRequest> = {},
): Promise<ServiceRequest> {
  const id = overrides.id ?? newId();
  const request: ServiceRequest = {
    id,
    serviceCode: 'blocked-vehicle',
    description: 'Two cars block my gate on Xishi Street.',
    location: { lat: 30.7465, lon: 120.4877, precision: 'exact' },
    addressString: 'Gate of No. 12, Xishi Street',
    contact: { email: 'wang.fang@example.cn', name: 'Wang Fang' },
    attributes: { plate: '浙F·12345' },
    photoKeys: [],
    state: 'submitted',
    submittedAt: new Date().toISOString(),
    followTokenHash: `hash-${id}`,
    locale: 'en',
    ...overrides,
  };
  await store.create({ request, firstEntry: { at: request.submittedAt, kind: 'state', state: 'submitted' } });
  return request;
}
