import type { Venue } from '../../../content/schemas/venue.ts';
import { qrCodeSvg } from '../../../functions/domain/qr-code.ts';

/**
 * The short, printable address of a venue's page, one for every reader: it opens the page in the
 * reader's language (site/src/pages/q/[id]/). Cards printed before it encode the English page,
 * `/v/<id>/`, which still is that page and links the Chinese one.
 */
export function venueShortUrl(id: string, site: URL | string): URL {
  return new URL(`/q/${id}/`, site);
}

/** The QR code printed for a venue, the same for the page, the static file and the printable sheet. */
export function venueQrSvg(venue: Pick<Venue, 'id' | 'name'>, site: URL | string): Promise<string> {
  return qrCodeSvg(venueShortUrl(venue.id, site).href, {
    title: `${venue.name.en} · ${venue.name.zh}: ${venueShortUrl(venue.id, site).href}`,
  });
}
