import type { Venue } from '../../../content/schemas/venue.ts';

/** Where OpenStreetMap states its licence (ODbL) and how to credit it: the credit links here. */
export const openStreetMapCopyrightUrl = 'https://www.openstreetmap.org/copyright';

/** The object's own page on openstreetmap.org: its tags, its history and who mapped it. */
export function openStreetMapObjectUrl({ type, id }: NonNullable<Venue['osm']>): string {
  return `https://www.openstreetmap.org/${type}/${id}`;
}
