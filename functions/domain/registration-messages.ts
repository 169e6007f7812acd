import type { EditionInfo } from '../store/edition-info.ts';
import type { CategoryState, StatusChange } from '../store/registration-store.ts';
import { newId } from './ids.ts';
import { type LifecycleStep, lifecycle } from './registration-lifecycle.ts';
import type { OutboxKind, OutboxMessage, Registration } from './registration-model.ts';

type MessageContext = {
  category: Pick<CategoryState, 'name'>;
  edition: Pick<EditionInfo, 'id' | 'name'>;
  at: string;
  manageUrl?: string;
};

/** The message that tells a registrant what just happened to their registration. */
export function messageFor(
  kind: OutboxKind,
  registration: Registration,
  context: MessageContext,
): OutboxMessage {
  return {
    id: newId(),
    kind,
    to: registration.email,
    name: registration.name,
    language: registration.language,
    registrationId: registration.id,
    edition: context.edition.id,
    code: registration.code,
    categoryName: context.category.name,
    editionName: context.edition.name,
    ...(context.manageUrl ? { manageUrl: context.manageUrl } : {}),
    createdAt: context.at,
  };
}

/** A change from the lifecycle table, with the message its entry sends (if any). */
export function statusChange(
  change: StatusChange['change'],
  registration: Registration,
  context: MessageContext,
): StatusChange {
  const kind: LifecycleStep['message'] = (lifecycle[change] as LifecycleStep).message;
  return { registration, change, ...(kind ? { message: messageFor(kind, registration, context) } : {}) };
}
