// Loaded only when badges are printed (`await import('#print-badges')`): pdfkit, fontkit, pinyin-pro's
// dictionary and the fonts stay out of the organizer function's cold start for its other routes.
import type { LocalizedText } from '../../content/schemas/localized.ts';
import type { CheckinSigningKey } from '../domain/checkin-signing-key.ts';
import type { Registration } from '../domain/registration-model.ts';
import { type BadgeCategory, badgeContent } from './badge-content.ts';
import { type LayoutId, layouts } from './badge-layouts.ts';
import { badgesPdf } from './badges-pdf.ts';

export interface BadgeSettings {
  editionName: LocalizedText;
  /** The edition's categories by id. */
  categories: ReadonlyMap<string, BadgeCategory>;
  signingKey: CheckinSigningKey;
}

/** The registrations' badges as one PDF in the layout, in the order given. */
export async function printBadges(
  layout: LayoutId,
  registrations: readonly Registration[],
  { editionName, categories, signingKey }: BadgeSettings,
): Promise<Buffer> {
  const badges = registrations.map((registration) =>
    badgeContent(registration, {
      editionName,
      category: categories.get(registration.category) ?? {
        name: { en: registration.category, zh: registration.category },
      },
      signingKey,
    }),
  );
  return (await badgesPdf(layouts[layout], badges)).pdf;
}
