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

/** The first palette colour no track uses yet, or round the palette again when all are taken. */
export function unusedTrackColor(used: string[]): string {
  const free = trackPalette.find((color) => !used.includes(color));
  return free ?? trackPalette[used.length % trackPalette.length] ?? trackPalette[0];
}
