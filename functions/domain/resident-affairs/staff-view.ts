import type { LocalizedText } from '../../../content/schemas/localized.ts';
import { followView } from './follow-view.ts';
import { canMoveTo, firstResponseStanding } from './lifecycle.ts';
import {
  type Department,
  type RequestState,
  requestStates,
  type ServiceRequest,
  type TimelineEntry,
} from './model.ts';
import { departmentOf, serviceOf } from './services.ts';

/** Where a request stands for staff: how long it has waited, and whether its first response is overdue. */
function standing(request: ServiceRequest, now: Date, targetMinutes: number) {
  const waited = Math.max(0, Math.floor((now.getTime() - Date.parse(request.submittedAt)) / 60_000));
  return { waitingMinutes: waited, overdue: firstResponseStanding(request, now, targetMinutes).overdue };
}

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

/**
 * Everything about a request, as the staff desk shows it: what its requester sees (followView), and
 * their contact, every timeline entry (internal notes, who did what), the photos as URLs, where it
 * stands against the target and the states it may move to.
 */
export function staffRequest(
  stored: { request: ServiceRequest; timeline: readonly TimelineEntry[]; anonymisedAt?: string },
  photos: readonly PhotoLink[],
  now: Date,
  targetMinutes: number,
) {
  const { request, timeline, anonymisedAt } = stored;
  const {
    photoKeys: _photoKeys,
    hasContact: _hasContact,
    timeline: _publicTimeline,
    ...view
  } = followView(request, timeline);
  // A merged or anonymised request is as it ended: nothing may move it.
  const frozen = Boolean(request.mergedInto || anonymisedAt);
  return {
    ...view,
    ...(request.contact === undefined ? {} : { contact: request.contact }),
    photos: [...photos],
    allowedStates: frozen ? [] : requestStates.filter((state) => canMoveTo(request.state, state)),
    locale: request.locale,
    ...standing(request, now, targetMinutes),
    ...(anonymisedAt === undefined ? {} : { anonymisedAt }),
    timeline: timeline.map((entry) => ({ ...entry })),
  };
}

export type StaffRequest = ReturnType<typeof staffRequest>;
