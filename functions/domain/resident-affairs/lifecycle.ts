import type { RequestState, ServiceRequest } from './model.ts';

/**
 * Which state may follow which. A request never goes back to `submitted` (the first response stays
 * given) and `closed` is final: a resident whose problem is back reports it again. `resolved` may be
 * reopened (the resident says it is not fixed), and any open request may be closed without a fix
 * (a duplicate, or not the town's to solve), with a public note saying why.
 */
const nextStates: Record<RequestState, readonly RequestState[]> = {
  submitted: ['acknowledged', 'in-progress', 'resolved', 'closed'],
  acknowledged: ['in-progress', 'resolved', 'closed'],
  'in-progress': ['resolved', 'closed'],
  resolved: ['in-progress', 'closed'],
  closed: [],
};

export const canMoveTo = (from: RequestState, to: RequestState) => nextStates[from].includes(to);

/** Resolved or closed: the request has left the staff queue. */
export const isClosedState = (state: RequestState): boolean => state === 'resolved' || state === 'closed';

/** Open311 knows two statuses: a request is closed once resolved or closed, open until then. */
export const open311Status = (state: RequestState): 'open' | 'closed' =>
  isClosedState(state) ? 'closed' : 'open';

/** The fields a state change sets; the store writes them with the timeline entry, conditioned on `from`. */
export type StateChange =
  | {
      kind: 'changed';
      from: RequestState;
      state: RequestState;
      firstResponseAt?: string;
      /** `null` clears it: a reopened request is no longer resolved. */
      resolvedAt?: string | null;
    }
  | { kind: 'not-allowed'; from: RequestState; to: RequestState };

/**
 * Moves a request on at `at`. The first staff action that the requester sees (this, or a public
 * note: `firstResponse`) is its first response, and is kept once given.
 */
export function changeState(
  request: Pick<ServiceRequest, 'state' | 'firstResponseAt'>,
  to: RequestState,
  at: Date,
): StateChange {
  const from = request.state;
  if (!canMoveTo(from, to)) return { kind: 'not-allowed', from, to };
  const iso = at.toISOString();
  return {
    kind: 'changed',
    from,
    state: to,
    ...firstResponse(request, at),
    ...(to === 'resolved' ? { resolvedAt: iso } : from === 'resolved' ? { resolvedAt: null } : {}),
  };
}

/** `{ firstResponseAt }` when nobody has answered yet, else nothing: the first answer is never overwritten. */
export function firstResponse(request: Pick<ServiceRequest, 'firstResponseAt'>, at: Date) {
  return request.firstResponseAt ? {} : { firstResponseAt: at.toISOString() };
}

/** How fast staff aim to answer, day and night, unless the deployment is configured with another target. */
export const defaultFirstResponseTargetMinutes = 30;

export interface FirstResponseStanding {
  /** When the first response is (or was) due. */
  dueAt: string;
  /** Minutes from submission to the first response, or to `now` while there is none. */
  waitedMinutes: number;
  /** Still unanswered and past the target. */
  overdue: boolean;
  /** Answered, and in time: undefined while unanswered. */
  metTarget?: boolean;
}

/** Where a request stands against the first-response target, as the staff queue shows it. */
export function firstResponseStanding(
  request: Pick<ServiceRequest, 'submittedAt' | 'firstResponseAt'>,
  now: Date,
  targetMinutes = defaultFirstResponseTargetMinutes,
): FirstResponseStanding {
  if (!(Number.isFinite(targetMinutes) && targetMinutes > 0)) {
    throw new RangeError(
      `the first-response target must be a positive number of minutes, not ${targetMinutes}`,
    );
  }
  const submitted = Date.parse(request.submittedAt);
  const due = submitted + targetMinutes * 60_000;
  const answered = request.firstResponseAt === undefined ? undefined : Date.parse(request.firstResponseAt);
  const waitedMinutes = ((answered ?? now.getTime()) - submitted) / 60_000;
  return {
    dueAt: new Date(due).toISOString(),
    waitedMinutes,
    overdue: answered === undefined && now.getTime() > due,
    ...(answered === undefined ? {} : { metTarget: answered <= due }),
  };
}
