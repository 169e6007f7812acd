import type { LocalizedText } from '../../../content/schemas/localized.ts';
import { canMoveTo, firstResponseStanding } from './lifecycle.ts';
import {
  type Department,
  type RequestState,
  requestStates,
  type ServiceRequest,
  type TimelineEntry,
} from './model.ts';
import { departmentNames, serviceOf } from './services.ts';

/** Where a request stands for staff: how long it has waited, and whether its first response is overdue. */
function standing(request: ServiceRequest, now: Date, targetMinutes: number) {
  const waited = Math.max(0, Math.floor((now.getTime() - Date.parse(request.submittedAt)) / 60_000));
  return { waitingMinutes: waited, overdue: firstResponseStanding(request, now, targetMinutes).overdue };
}

const departmentOf = (request: ServiceRequest): Department =>
  request.department ?? serviceOf(request).department;

/** The requester's words for the place, else the landmark, else the point: what staff read in a list. */
export function placeLabel(request: Pick<ServiceRequest, 'addressString' | 'location'>): string {
  if (request.addressString) return request.addressString;
  const { location } = request;
  if ('landmarkVenueId' in location) return location.landmarkVenueId;
  return `${location.lat.toFixed(5)}, ${location.lon.toFixed(5)}`;
}

export interface QueueItem {
  id: string;
  serviceCode: string;
  serviceName: LocalizedText;
  state: RequestState;
  department: Department;
  submittedAt: string;
  waitingMinutes: number;
  overdue: boolean;
  firstResponseAt?: string;
  placeLabel: string;
  photoCount: number;
}

/** One line of the staff queue. */
export function queueItem(request: ServiceRequest, now: Date, targetMinutes: number): QueueItem {
  const service = serviceOf(request);
  return {
    id: request.id,
    serviceCode: service.code,
    serviceName: service.name,
    state: request.state,
    department: departmentOf(request),
    submittedAt: request.submittedAt,
    ...standing(request, now, targetMinutes),
    ...(request.firstResponseAt === undefined ? {} : { firstResponseAt: request.firstResponseAt }),
    placeLabel: placeLabel(request),
    photoCount: request.photoKeys.length,
  };
}

/** A photo as staff open it: a short-lived URL. */
export interface PhotoLink {
  url: string;
  expiresAt: string;
}

/** Everything about a request, as the staff desk shows it; personal data and internal notes included. */
export function staffRequest(
  stored: { request: ServiceRequest; timeline: readonly TimelineEntry[]; anonymisedAt?: string },
  photos: readonly PhotoLink[],
  now: Date,
  targetMinutes: number,
) {
  const { request, timeline, anonymisedAt } = stored;
  const service = serviceOf(request);
  const department = departmentOf(request);
  // A merged or anonymised request is as it ended: nothing may move it.
  const frozen = Boolean(request.mergedInto || anonymisedAt);
  return {
    id: request.id,
    serviceCode: service.code,
    serviceName: service.name,
    description: request.description,
    location: request.location,
    ...(request.addressString === undefined ? {} : { addressString: request.addressString }),
    ...(request.contact === undefined ? {} : { contact: request.contact }),
    attributes: { ...request.attributes },
    photos: [...photos],
    state: request.state,
    allowedStates: frozen ? [] : requestStates.filter((state) => canMoveTo(request.state, state)),
    department: { id: department, name: departmentNames[department] },
    locale: request.locale,
    submittedAt: request.submittedAt,
    ...standing(request, now, targetMinutes),
    ...(request.firstResponseAt === undefined ? {} : { firstResponseAt: request.firstResponseAt }),
    ...(request.resolvedAt === undefined ? {} : { resolvedAt: request.resolvedAt }),
    ...(request.mergedInto === undefined ? {} : { mergedInto: request.mergedInto }),
    ...(anonymisedAt === undefined ? {} : { anonymisedAt }),
    timeline: timeline.map((entry) => ({ ...entry })),
  };
}

export type StaffRequest = ReturnType<typeof staffRequest>;
