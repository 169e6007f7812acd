import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../content/colour-contrast.ts';
import { loadEditions } from '../../content/load.ts';
import { badgeColour, bandTextColour } from '../../content/schemas/badge-colour.ts';

describe('badge colours', () => {
  it('gives every category of the current edition a colour of its own whose band text reads at 4.5:1 or more', async () => {
    const current = (await loadEditions()).find((edition) => edition.current);
    const colours = current?.categories.map(({ badgeColour }) => badgeColour) ?? [];
    expect(colours.length).toBeGreaterThan(0);
    expect(new Set(colours).size).toBe(colours.length);
    for (const colour of colours) {
      expect(colour).toBeDefined();
      expect(contrastRatio(colour ?? '', bandTextColour(colour ?? ''))).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('refuses a colour too pale to stand out from the white badge, or not written #RRGGBB', () => {
    expect(badgeColour.safeParse('#1D4ED8').success).toBe(true);
    expect(badgeColour.safeParse('#FDE68A').success).toBe(false);
    expect(badgeColour.safeParse('blue').success).toBe(false);
  });

  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#FFFFFF', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#FFFFFF')).toBeCloseTo(4.48, 2);
    expect(bandTextColour('#FDE68A')).toBe('#000000');
  });
});
