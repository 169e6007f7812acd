import { open311Status } from './lifecycle.ts';
import type { RequestLocale, ServiceRequest, TimelineEntry } from './model.ts';
import { type FindLandmark, publicPlace } from './public-location.ts';
import { departmentNames, departmentOf, serviceNotice, serviceOf } from './services.ts';

/**
 * A request as anyone may read it: GeoReport v2's fields (wiki.open311.org/GeoReport_v2#GET_Service_Requests),
 * null where the spec allows a field to be empty. Nothing the requester wrote or is stands in it:
 * no contact, no description (free text may name people, homes or number plates: `description` is
 * always null), no address in their words, no photos (`media_url` null), no internal notes, no staff.
 */
export interface PublicRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  /** The latest public note from staff, or the duplicate it was merged into. */
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: null;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  address: string | null;
  address_id: string | null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: null;
}

export interface PublicViewContext {
  locale: RequestLocale;
  findLandmark: FindLandmark;
  firstResponseTargetMinutes: number;
}

/** Entries the requester and the public may see: everything but internal notes, and never who. */
export const isPublicEntry = (entry: TimelineEntry) => entry.kind !== 'internal-note';

function mergedNote(mergedInto: string, locale: RequestLocale) {
  return locale === 'zh'
    ? `与请求 ${mergedInto} 为同一问题，已合并。`
    : `The same problem as request ${mergedInto}: merged.`;
}

/** The newest of the public entries' times, or the submission's. */
function lastPublicChange(request: ServiceRequest, timeline: readonly TimelineEntry[]) {
  return timeline
    .filter(isPublicEntry)
    .reduce(
      (latest, entry) => (Date.parse(entry.at) > Date.parse(latest) ? entry.at : latest),
      request.submittedAt,
    );
}

export function publicRequest(
  request: ServiceRequest,
  timeline: readonly TimelineEntry[],
  context: PublicViewContext,
): PublicRequest {
  const { locale } = context;
  const service = serviceOf(request);
  const notes = timeline.filter((entry) => entry.kind === 'public-note' && entry.text);
  const latestNote = notes.at(-1)?.text;
  const place = publicPlace(request.location, context.findLandmark);
  return {
    service_request_id: request.id,
    status: open311Status(request.state),
    status_notes: latestNote ?? (request.mergedInto ? mergedNote(request.mergedInto, locale) : null),
    service_name: service.name[locale],
    service_code: service.code,
    description: null,
    agency_responsible: departmentNames[departmentOf(request)][locale],
    service_notice: serviceNotice(service, locale, context.firstResponseTargetMinutes),
    requested_datetime: request.submittedAt,
    updated_datetime: lastPublicChange(request, timeline),
    address: place.address ?? null,
    address_id: place.address_id ?? null,
    zipcode: null,
    lat: place.lat ?? null,
    long: place.long ?? null,
    media_url: null,
  };
}
