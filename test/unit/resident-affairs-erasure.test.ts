import { describe, expect, it } from 'vitest';
import { anonymisedRequest } from '../../functions/domain/resident-affairs/erasure.ts';
import type { ServiceRequest } from '../../functions/domain/resident-affairs/model.ts';

const request: ServiceRequest = {
  id: '01JY5W6Q7Z8X9V0T1S2R3Q4P5N',
  serviceCode: 'blocked-vehicle',
  description: 'The red van of my neighbour Wang blocks our gate again.',
  location: { lat: 30.745218, lon: 120.487136, precision: 'exact' },
  addressString: 'No. 12, behind the east gate',
  contact: { email: 'mei@example.org', phone: '+86 573 8888 1234', name: 'Mei Zhang' },
  attributes: { blocking: 'gate', plate: 'ZJ-F 12345' },
  photoKeys: ['requests/01JY5W6Q7Z8X9V0T1S2R3Q4P5N/1'],
  state: 'acknowledged',
  department: 'transport',
  submittedAt: '2027-03-01T02:00:00.000Z',
  firstResponseAt: '2027-03-01T02:10:00.000Z',
  followTokenHash: 'a'.repeat(64),
  locale: 'zh',
};

describe('the erasure of a request', () => {
  it('drops what the requester wrote and who they are, coarsens the point, and keeps what the figures count', () => {
    const kept = anonymisedRequest(request);
    expect(kept).toEqual({
      id: request.id,
      serviceCode: 'blocked-vehicle',
      description: '',
      location: { lat: 30.7455, lon: 120.4875, precision: 'exact' },
      photoKeys: [],
      state: 'acknowledged',
      department: 'transport',
      submittedAt: request.submittedAt,
      firstResponseAt: request.firstResponseAt,
      followTokenHash: request.followTokenHash,
      locale: 'zh',
    });
    for (const personal of [
      'Wang',
      'east gate',
      'mei@',
      '8888',
      'Zhang',
      'ZJ-F',
      '30.745218',
      '120.487136',
    ]) {
      expect(JSON.stringify(kept), personal).not.toContain(personal);
    }
  });

  it('keeps a place that was public already: a street staff confirmed, a guide landmark', () => {
    const street = { lat: 30.745218, lon: 120.487136, precision: 'street' as const };
    expect(anonymisedRequest({ ...request, location: street }).location).toEqual(street);
    const landmark = { landmarkVenueId: 'convention-center' };
    expect(anonymisedRequest({ ...request, location: landmark }).location).toEqual(landmark);
  });
});
