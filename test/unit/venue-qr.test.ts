import { Resvg } from '@resvg/resvg-js';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { loadVenues } from '../../content/load.ts';
import astroConfig from '../../site/astro.config.ts';
import { venueQrSvg, venueShortUrl } from '../../site/src/lib/venue-qr.ts';

/** The origin the build prints in QR codes: the site's `site` setting, as the endpoint reads it. */
const site = astroConfig.site ?? 'http://127.0.0.1:4321';

function decode(svg: string): string | undefined {
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: 400 } }).render();
  const { pixels, width, height } = image;
  return jsQR(new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.byteLength), width, height)
    ?.data;
}

const venues = await loadVenues();

describe('venue QR codes', () => {
  it('has venues to print', () => {
    expect(venues.length).toBeGreaterThan(0);
  });

  it.each(venues.map((venue) => [venue.id, venue] as const))(
    'the code of %s opens its page in the reader’s language',
    async (id, venue) => {
      const expected = new URL(`/q/${id}/`, site).href;
      expect(venueShortUrl(id, site).href).toBe(expected);
      expect(decode(await venueQrSvg(venue, site))).toBe(expected);
    },
  );

  it('names the venue in both languages for screen readers, escaped', async () => {
    const svg = await venueQrSvg(
      { id: 'x', name: { en: 'Tom & Jerry <Inn>', zh: '汤姆' } },
      'https://example.org',
    );
    expect(svg).toContain('<title>Tom &#38; Jerry &#60;Inn&#62; · 汤姆: https://example.org/q/x/</title>');
    expect(decode(svg)).toBe('https://example.org/q/x/');
  });
});
