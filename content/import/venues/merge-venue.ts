import { Document, isMap, type Pair } from 'yaml';
import { venueContentSchema } from '../../schemas/venue-content.ts';
import { fieldDigest, sameValue } from './imported-digest.ts';
import type { VenueFields } from './map-venue.ts';

/** A field a re-import left alone because an editor changed it, with both values for the report. */
export interface FieldKept {
  field: string;
  current: unknown;
  imported: unknown;
}

/** The order of a venue file's keys, so fields a re-import adds land where an editor expects them. */
const fieldOrder = Object.keys(venueContentSchema.shape);

const header = [
  ' From OpenStreetMap (© OpenStreetMap contributors, ODbL 1.0), by `npm run import:venues`.',
  ' Edit freely: a re-import updates a field only while it still has the value it last imported',
  ' (its digest under `imported`), and leaves every field you changed alone.',
].join('\n');

function orderedDigests(digests: Record<string, string>): Record<string, string> {
  return Object.fromEntries(fieldOrder.flatMap((field) => (digests[field] ? [[field, digests[field]]] : [])));
}

export function newVenueDocument(id: string, fields: VenueFields): Document {
  const digests = Object.fromEntries(
    Object.entries(fields).map(([field, value]) => [field, fieldDigest(value)]),
  );
  const document = new Document({ id, ...fields, imported: orderedDigests(digests) });
  document.commentBefore = header;
  return document;
}

/** Sets a field in place, or inserts it before the first field that follows it in a venue file. */
function setField(document: Document, field: string, value: unknown): void {
  const map = document.contents;
  if (!isMap(map) || map.has(field)) {
    document.set(field, value);
    return;
  }
  const rank = fieldOrder.indexOf(field);
  const at = map.items.findIndex(
    (pair) => fieldOrder.indexOf(String((pair.key as { value?: unknown })?.value ?? pair.key)) > rank,
  );
  const pair = document.createPair(field, value) as Pair;
  if (at < 0) map.items.push(pair);
  else map.items.splice(at, 0, pair);
}

/**
 * Brings an existing venue file up to date with a new import of its OSM object. A field is the
 * importer's to change while its value still hashes to the digest recorded when it was imported;
 * a field an editor changed, removed or added (no digest) is kept and returned for the report. A
 * venue an editor linked to OSM by hand (an `osm` key, no digests) only gains the fields it lacks.
 */
export function updateVenueDocument(
  document: Document,
  fields: VenueFields,
): { changed: boolean; kept: FieldKept[] } {
  const current = document.toJS() as Record<string, unknown>;
  const recorded = (current.imported ?? {}) as Record<string, string>;
  const digests = { ...recorded };
  const kept: FieldKept[] = [];
  let changed = false;
  const fieldsInPlay = fieldOrder.filter((field) => field in fields || field in digests);
  for (const field of fieldsInPlay) {
    const now = current[field];
    const next = fields[field];
    if (sameValue(now, next)) {
      if (next === undefined) delete digests[field];
      else digests[field] = fieldDigest(next);
      continue;
    }
    const digest = digests[field];
    const edited =
      digest === undefined ? now !== undefined : now === undefined || fieldDigest(now) !== digest;
    if (edited) {
      kept.push({ field, current: now, imported: next });
      continue;
    }
    if (next === undefined) {
      document.delete(field);
      delete digests[field];
    } else {
      setField(document, field, next);
      digests[field] = fieldDigest(next);
    }
    changed = true;
  }
  // Hours an editor wrote that the evaluator reads replace the importer's unreadable text.
  const text = document.get('openingHoursText');
  if (document.has('openingHours') && text !== undefined && digests.openingHoursText === fieldDigest(text)) {
    document.delete('openingHoursText');
    delete digests.openingHoursText;
    changed = true;
  }
  const ordered = orderedDigests(digests);
  if (!sameValue(ordered, recorded) && (Object.keys(ordered).length > 0 || current.imported !== undefined)) {
    setField(document, 'imported', ordered);
    changed = true;
  }
  return { changed, kept };
}
