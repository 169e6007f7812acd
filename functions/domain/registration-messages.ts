import type { EditionInfo } from '../store/edition-info.ts';
import type { CategoryState } from '../store/registration-store.ts';
import { newId } from './ids.ts';
import type { OutboxKind, OutboxMessage, Registration } from './registration-model.ts';

/** The message that tells a registrant what just happened to their registration. */
export function messageFor(
  kind: OutboxKind,
  registration: Registration,
  context: { category: Pick<CategoryState, 'name'>; edition: EditionInfo; at: string; manageUrl?: string },
): OutboxMessage {
  return {
    id: newId(),
    kind,
    to: registration.email,
    name: registration.name,
    language: registration.language,
    registrationId: registration.id,
    code: registration.code,
    categoryName: context.category.name,
    editionName: context.edition.name,
    ...(context.manageUrl ? { manageUrl: context.manageUrl } : {}),
    createdAt: context.at,
  };
}
