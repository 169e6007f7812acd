/**
 * The model of resident affairs: a villager's request for help, its timeline, and the words every
 * part (contract, store, pages) derives from (docs/resident-affairs.md).
 */

/** The departments staff assign a request to; each service names its default one. */
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

/** A request's life, in order. Open311 sees `resolved` and `closed` as closed, the rest as open. */
export const requestStates = ['submitted', 'acknowledged', 'in-progress', 'resolved', 'closed'] as const;
export type RequestState = (typeof requestStates)[number];

export const requestLocales = ['en', 'zh'] as const;
export type RequestLocale = (typeof requestLocales)[number];

/**
 * Where the problem is. A point comes from the phone's location or a pin on the map: `exact` as
 * given (it may be someone's door, so public views coarsen it), `street` once staff have checked
 * that the spot is a public street, bridge or square (public views then show it as it is). A
 * landmark is a venue of the town guide, public by nature.
 */
export type RequestLocation =
  | { lat: number; lon: number; precision: 'exact' | 'street' }
  | { landmarkVenueId: string };

/** Who asked, when they left a way to reach them; never shown to anyone but staff and themselves. */
export interface RequestContact {
  email?: string;
  phone?: string;
  name?: string;
}

/** A request as stored: personal data (contact, description, photos) included. */
export interface ServiceRequest {
  /** A ULID. */
  id: string;
  serviceCode: string;
  description: string;
  location: RequestLocation;
  /** The requester's own words for the place. */
  addressString?: string;
  contact?: RequestContact;
  /**
   * Answers to the service's attributes by code (a list key, a pole number, a number plate): staff
   * and the requester see them, the public never (a plate is personal data).
   */
  attributes?: Record<string, string | string[]>;
  /** Opaque photo store keys ("requests/<id>/<n>"), at most three. */
  photoKeys: string[];
  state: RequestState;
  department?: Department;
  submittedAt: string;
  /** When staff first acted on it (acknowledged, or moved it on): the first response. */
  firstResponseAt?: string;
  resolvedAt?: string;
  /** The request this one duplicates; it is then closed. */
  mergedInto?: string;
  /** SHA-256 of the follow token (the requester's only key), as manage tokens are kept. */
  followTokenHash: string;
  locale: RequestLocale;
}

/** `location`: staff confirmed the place (the requester sees it: their point may now be shown as given). */
export const timelineKinds = [
  'state',
  'public-note',
  'internal-note',
  'assignment',
  'merge',
  'location',
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

/** What the requester sees of a timeline: every kind but staff's internal notes. */
export type PublicTimelineKind = Exclude<TimelineKind, 'internal-note'>;
export const publicTimelineKinds = timelineKinds.filter(
  (kind): kind is PublicTimelineKind => kind !== 'internal-note',
);

/** One step of a request's history; staff see all of it, the requester only what is public. */
export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  state?: RequestState;
  text?: string;
  department?: Department;
  /** What staff confirmed the place to be (a `location` entry). */
  precision?: 'exact' | 'street';
  /** The staff member's subject, for the audit of who did what; never shown publicly. */
  staff?: string;
}
