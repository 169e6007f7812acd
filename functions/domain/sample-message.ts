import type { LocalizedText } from '../../content/schemas/localized.ts';
import { checkinSigningKey } from './checkin-signing-key.ts';
import type { Language, OutboxKind, OutboxMessage } from './registration-model.ts';

/**
 * A fictional registrant for the organizers' preview of a message: nobody's data. Its check-in code
 * fails the code's check symbol, so no registration can ever hold it and no desk takes it typed, and
 * its QR code is signed with a key derived from a public secret for an edition that does not exist,
 * so no desk admits it scanned.
 */
export const sampleRegistrant = {
  id: '01SAMP1E0000000000000000RG',
  name: { en: 'Sample Attendee', zh: '示例参会者' } satisfies LocalizedText,
  email: 'sample.attendee@example.invalid',
  code: 'SAMPLEXYZ',
  edition: 'sample',
};

/** The sample ticket's signing key: anyone may derive it, and it signs for the edition "sample". */
export const sampleSigningKey = async () => checkinSigningKey('sample', sampleRegistrant.edition);

/** The kinds a registration's first message is of: it alone carries the manage link. */
const firstMessageKinds: ReadonlySet<OutboxKind> = new Set(['confirmed', 'waitlisted', 'pending_approval']);

/** A message of this kind to the sample registrant, as the outbox would hold it. */
export function sampleMessage(
  kind: OutboxKind,
  language: Language,
  {
    editionName,
    categoryName,
    siteOrigin,
    at,
  }: {
    editionName: LocalizedText;
    categoryName: LocalizedText;
    siteOrigin: string;
    at: string;
  },
): OutboxMessage {
  const localePrefix = language === 'zh' ? '/zh' : '';
  return {
    id: '01SAMP1E0000000000000000MS',
    kind,
    to: sampleRegistrant.email,
    name: sampleRegistrant.name[language],
    language,
    registrationId: sampleRegistrant.id,
    edition: sampleRegistrant.edition,
    code: sampleRegistrant.code,
    categoryName,
    editionName,
    // A link to the manage page that names no registration: it opens the page and finds nothing.
    ...(firstMessageKinds.has(kind)
      ? { manageUrl: `${siteOrigin}${localePrefix}/registration/#sample` }
      : {}),
    createdAt: at,
  };
}
