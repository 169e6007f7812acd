/**
 * Track colours for exports that give none. Conference apps print the track's name in white on
 * its colour, so each one keeps a contrast of at least 4.5:1 with white (WCAG AA for text).
 */
export const trackPalette = [
  '#1f6f8b',
  '#7a3e9d',
  '#b23a48',
  '#2e7d32',
  '#a15c00',
  '#283593',
  '#00695c',
  '#ad1457',
  '#5d4037',
  '#455a64',
  '#6a1b9a',
  '#0d47a1',
] as const;

function channel(hex: string): number {
  const value = Number.parseInt(hex, 16) / 255;
  return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/** The WCAG 2 contrast ratio of white text on a `#rrggbb` colour (1 to 21). */
export function contrastWithWhite(color: string): number {
  const [red, green, blue] = [1, 3, 5].map((start) => channel(color.slice(start, start + 2)));
  const luminance = 0.2126 * (red ?? 0) + 0.7152 * (green ?? 0) + 0.0722 * (blue ?? 0);
  return 1.05 / (luminance + 0.05);
}

/** The first palette colour no track uses yet, or round the palette again when all are taken. */
export function unusedTrackColor(used: string[]): string {
  const free = trackPalette.find((color) => !used.includes(color));
  return free ?? trackPalette[used.length % trackPalette.length] ?? trackPalette[0];
}
