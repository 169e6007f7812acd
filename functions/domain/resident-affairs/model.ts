/**
 * The model of resident affairs (issue 15): a villager's service request and its timeline, as the
 * issue's spec writes it (section 2). Open311 GeoReport v2 maps `state` to its `status`:
 * resolved and closed are `closed`, every other state `open`.
 */
export const departments = [
  'transport',
  'roads-bridges',
  'lighting',
  'sanitation',
  'water-canals',
  'wifi',
  'health',
  'other',
] as const;
export type Department = (typeof departments)[number];

export const requestStates = ['submitted', 'acknowledged', 'in-progress', 'resolved', 'closed'] as const;
export type RequestState = (typeof requestStates)[number];

export interface ServiceRequest {
  /** A ULID. */
  id: string;
  serviceCode: string;
  description: string;
  location: { lat: number; lon: number; precision: 'exact' | 'street' } | { landmarkVenueId: string };
  addressString?: string;
  contact?: { email?: string; phone?: string; name?: string };
  photoKeys: string[];
  state: RequestState;
  department?: Department;
  submittedAt: string;
  firstResponseAt?: string;
  resolvedAt?: string;
  mergedInto?: string;
  followTokenHash: string;
  locale: 'en' | 'zh';
}

export interface TimelineEntry {
  at: string;
  kind: 'state' | 'public-note' | 'internal-note' | 'assignment' | 'merge';
  state?: RequestState;
  text?: string;
  department?: Department;
  /** The staff member's subject, never shown publicly. */
  staff?: string;
}

/** The states Open311 reports as `closed`: such a request has left the staff queue. */
export const isClosedState = (state: RequestState): boolean => state === 'resolved' || state === 'closed';
