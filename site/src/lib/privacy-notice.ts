import { getEntry } from 'astro:content';
import type { Edition } from '../../../content/schemas/edition.ts';
import type { NoticeToken, PrivacyNotice } from '../../../content/schemas/privacy-notice.ts';

/** The notice in force, from the privacyNotice collection. */
export async function loadPrivacyNotice(): Promise<PrivacyNotice> {
  const entry = await getEntry('privacyNotice', 'current');
  if (!entry) throw new Error('content/privacy/notice.yaml is missing');
  return entry.data;
}

/** A run of a notice paragraph: plain text, or a figure filled in (marked when it is a placeholder). */
export interface NoticePiece {
  text: string;
  figure?: boolean;
  fillIn?: boolean;
}

/** A paragraph cut at its tokens, each replaced by its figure, so the page can mark the figures. */
export function noticePieces(
  text: string,
  figures: Record<NoticeToken, Omit<NoticePiece, 'figure'>>,
): NoticePiece[] {
  return text.split(/\{(\w+)\}/).flatMap((part, index): NoticePiece[] => {
    if (index % 2 === 0) return part ? [{ text: part }] : [];
    const figure = figures[part as NoticeToken];
    if (!figure) throw new Error(`privacy notice: {${part}} is not a notice token`);
    return [{ ...figure, figure: true }];
  });
}

/** The day an edition's personal data is anonymised: its last day plus the retention period. */
export function retentionEnds(edition: Pick<Edition, 'endDate' | 'personalDataRetentionDays'>): string {
  const end = new Date(`${edition.endDate}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + edition.personalDataRetentionDays);
  return end.toISOString().slice(0, 10);
}
