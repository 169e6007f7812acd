import { slugOf } from '../slug.ts';
import type { OsmType } from './osm-elements.ts';

const maxLength = 40;
const typeLetter: Record<OsmType, string> = { node: 'n', way: 'w', relation: 'r' };

/**
 * "Tong'an Inn" → "tongan-inn": the importers' one slug rule, with apostrophes dropped first so a
 * name's syllables stay one word; no Latin letter left (a Chinese name) → undefined.
 */
const slug = (name: string) => slugOf(name.replace(/['’]/g, ''), maxLength) || undefined;

/**
 * A new venue's id: a slug of its English (or ASCII) name, else `osm-n123`/`osm-w…`/`osm-r…`; a
 * suffix `-2`, `-3`… when taken. Chinese names are not romanised: a guessed pinyin would be an id
 * nobody can predict. Ids never change once written (a re-import finds a venue by its OSM object).
 */
export function newVenueId(
  name: string | undefined,
  osm: { type: OsmType; id: number },
  taken: Set<string>,
): string {
  const base = (name && slug(name)) ?? `osm-${typeLetter[osm.type]}${osm.id}`;
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    const tail = `-${suffix}`;
    const id = `${base.slice(0, maxLength - tail.length).replace(/-+$/, '')}${tail}`;
    if (!taken.has(id)) return id;
  }
}
