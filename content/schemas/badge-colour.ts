import * as z from 'zod/mini';

/** WCAG 2 relative luminance of an sRGB colour written #RRGGBB. */
export function relativeLuminance(hex: string): number {
  const [red = 0, green = 0, blue = 0] = [1, 3, 5].map((start) => {
    const channel = Number.parseInt(hex.slice(start, start + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

/** WCAG 2 contrast ratio of two colours, 1 to 21. */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a);
  return ((lighter ?? 0) + 0.05) / ((darker ?? 0) + 0.05);
}

const white = '#FFFFFF';
const black = '#000000';

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
    (colour) => contrastRatio(colour, white) >= minimumBandContrast,
    `must contrast at least ${minimumBandContrast}:1 with the white badge (WCAG 1.4.11)`,
  ),
);
