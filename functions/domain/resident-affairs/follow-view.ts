import { open311Status } from './lifecycle.ts';
import type {
  Department,
  PublicTimelineKind,
  RequestLocation,
  RequestState,
  ServiceRequest,
  TimelineEntry,
} from './model.ts';
import { isPublicEntry } from './public-view.ts';
import { departmentNames, departmentOf, serviceOf } from './services.ts';

/** One step of the timeline as the requester sees it: no internal notes, never which staff member. */
export interface FollowEntry {
  at: string;
  kind: PublicTimelineKind;
  state?: RequestState;
  text?: string;
  department?: Department;
}

/**
 * The requester's own request, for the holder of its follow link: what they sent (description,
 * place as given, photos) and every public step. Their contact is not repeated back (`hasContact`
 * says whether replies are sent): a follow link passed on should not hand over an e-mail address
 * or a phone number.
 */
export interface FollowView {
  id: string;
  serviceCode: string;
  serviceName: { en: string; zh: string };
  description: string;
  location: RequestLocation;
  addressString?: string;
  attributes: Record<string, string | string[]>;
  state: RequestState;
  status: 'open' | 'closed';
  department: { id: Department; name: { en: string; zh: string } };
  submittedAt: string;
  firstResponseAt?: string;
  resolvedAt?: string;
  mergedInto?: string;
  hasContact: boolean;
  /** Store keys of the photos; the route turns each into a short-lived URL. */
  photoKeys: string[];
  /** Oldest first. */
  timeline: FollowEntry[];
}

const followEntry = ({ at, kind, state, text, department }: TimelineEntry): FollowEntry => ({
  at,
  kind: kind as FollowEntry['kind'],
  ...(state === undefined ? {} : { state }),
  ...(text === undefined ? {} : { text }),
  ...(department === undefined ? {} : { department }),
});

export function followView(request: ServiceRequest, timeline: readonly TimelineEntry[]): FollowView {
  const service = serviceOf(request);
  const department = departmentOf(request);
  const contact = request.contact;
  return {
    id: request.id,
    serviceCode: service.code,
    serviceName: service.name,
    description: request.description,
    location: request.location,
    ...(request.addressString === undefined ? {} : { addressString: request.addressString }),
    attributes: { ...request.attributes },
    state: request.state,
    status: open311Status(request.state),
    department: { id: department, name: departmentNames[department] },
    submittedAt: request.submittedAt,
    ...(request.firstResponseAt === undefined ? {} : { firstResponseAt: request.firstResponseAt }),
    ...(request.resolvedAt === undefined ? {} : { resolvedAt: request.resolvedAt }),
    ...(request.mergedInto === undefined ? {} : { mergedInto: request.mergedInto }),
    hasContact: Boolean(contact?.email || contact?.phone),
    photoKeys: [...request.photoKeys],
    timeline: timeline.filter(isPublicEntry).map(followEntry),
  };
}
