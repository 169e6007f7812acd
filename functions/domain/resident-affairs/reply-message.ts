import type { LocalizedText } from '../../../content/schemas/localized.ts';
import type { RequestLocale, RequestState, ServiceRequest } from './model.ts';
import { serviceOf } from './services.ts';

/**
 * A public note e-mailed to the requester who left an address, written to the outbox in the same
 * transaction as the note. It carries no link: the follow token is not stored, only its hash.
 */
export interface AffairsReplyMessage {
  id: string;
  kind: 'affairs-reply';
  to: string;
  name?: string;
  language: RequestLocale;
  serviceRequestId: string;
  serviceName: LocalizedText;
  note: string;
  /** The state after the note (a note with a state change says the new one). */
  state: RequestState;
  createdAt: string;
  /** The API request that queued it, for the mailer's log lines (not personal). */
  requestId?: string;
}

/** The message a public note sends, or undefined when the requester left no e-mail address. */
export function replyMessage(
  request: Pick<ServiceRequest, 'id' | 'serviceCode' | 'contact' | 'locale'>,
  { id, note, state, at }: { id: string; note: string; state: RequestState; at: string },
): AffairsReplyMessage | undefined {
  const to = request.contact?.email;
  if (!to) return undefined;
  return {
    id,
    kind: 'affairs-reply',
    to,
    ...(request.contact?.name ? { name: request.contact.name } : {}),
    language: request.locale,
    serviceRequestId: request.id,
    serviceName: serviceOf(request).name,
    note,
    state,
    createdAt: at,
  };
}
