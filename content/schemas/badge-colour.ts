import * as z from 'zod/mini';
import { black, contrastRatio, contrastWithWhite, white } from '../colour-contrast.ts';

/** The text colour for a category's band: white or black, whichever contrasts more with it. */
export const bandTextColour = (band: string) =>
  contrastRatio(band, white) >= contrastRatio(band, black) ? white : black;

/**
 * WCAG 1.4.11 asks 3:1 of a graphic against what is next to it: a band paler than that fades into the
 * white badge, and on a worn print one category looks like another.
 */
export const minimumBandContrast = 3;

/** A category's badge colour: #RRGGBB, dark enough to stand out from the white badge (3:1). */
export const badgeColour = z.string().check(
  z.regex(/^#[0-9A-Fa-f]{6}$/, 'a colour written #RRGGBB'),
  z.refine(
    (colour) => contrastWithWhite(colour) >= minimumBandContrast,
    `must contrast at least ${minimumBandContrast}:1 with the white badge (WCAG 1.4.11)`,
  ),
);
