import { openingHoursProblem } from '../../../functions/domain/opening-hours.ts';
import type { OsmElement } from './osm-elements.ts';
import { categoryOf } from './venue-category.ts';
import { paymentFrom, phoneFrom, websiteFrom, wheelchairFrom, wifiFrom } from './venue-contact.ts';
import { englishName, venueAddress, venueIntro, venueName } from './venue-text.ts';

export const osmSource = '© OpenStreetMap contributors (ODbL 1.0)';

/** A venue's fields as the importer writes them, in the order of a venue file. No `id` yet. */
export type VenueFields = Record<string, unknown>;

export interface MappedVenue {
  osm: { type: OsmElement['type']; id: number };
  fields: VenueFields;
  /** The name an id is made of (English or ASCII), if there is one. */
  idName?: string;
  /** Opening hours the evaluator cannot read, kept as `openingHoursText`. */
  brokenHours?: { value: string; problem: string };
  /** Values left out because they do not fit the schema, and a date taken from elsewhere. */
  problems: string[];
}

export type Mapping = MappedVenue | { skip: string };

/** `YYYY-MM-DD` of an ISO 8601 instant, in UTC as OSM writes them; undefined if it is not one. */
function dateOf(timestamp: string | undefined): string | undefined {
  if (!timestamp) return undefined;
  const instant = new Date(timestamp);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString().slice(0, 10);
}

export interface MappingContext {
  /** The file's own timestamp, for objects without one. */
  fileTimestamp?: string;
  /** The import's date (YYYY-MM-DD), the last resort for lastVerified. */
  today: string;
}

/**
 * OSM tags to a venue. Objects the guide has no category for, and objects without a name, are
 * skipped with the reason; so are objects JOSM has not uploaded yet (negative ids: no OSM page).
 */
export function mapVenue(element: OsmElement, context: MappingContext): Mapping {
  if (element.id < 0) return { skip: 'not uploaded to OpenStreetMap yet (negative id)' };
  const category = categoryOf(element.tags);
  if ('skip' in category) return category;
  const name = venueName(element.tags);
  if (!name) return { skip: 'no name' };
  const tags = element.tags;
  const location = element.locate();
  const problems: string[] = [];
  const phone = phoneFrom(tags);
  const website = websiteFrom(tags);
  for (const { problem } of [phone, website]) if (problem) problems.push(problem);

  const hours = tags.opening_hours?.trim() || undefined;
  const hoursProblem = hours ? openingHoursProblem(hours) : undefined;
  const payment = paymentFrom(tags);
  const wifi = wifiFrom(tags);
  const wheelchair = wheelchairFrom(tags);
  const address = venueAddress(tags);

  let lastVerified = dateOf(element.timestamp);
  if (!lastVerified) {
    lastVerified = dateOf(context.fileTimestamp) ?? context.today;
    problems.push(
      `lastVerified ${lastVerified}: the object has no timestamp; taken from ${dateOf(context.fileTimestamp) ? "the file's timestamp" : 'the import date'}`,
    );
  }
  const fields: VenueFields = {
    name,
    category: category.category,
    ...(category.subcategory ? { subcategory: category.subcategory } : {}),
    intro: venueIntro(tags, category),
    ...(address ? { address } : {}),
    location,
    ...(phone.phone ? { phone: phone.phone } : {}),
    ...(website.website ? { website: website.website } : {}),
    ...(hours && !hoursProblem ? { openingHours: hours } : {}),
    ...(hours && hoursProblem ? { openingHoursText: hours } : {}),
    ...(payment.length > 0 ? { payment } : {}),
    ...(wifi ? { wifi } : {}),
    ...(wheelchair ? { wheelchair } : {}),
    lastVerified,
    source: osmSource,
    osm: { type: element.type, id: element.id },
  };
  const idName = englishName(tags);
  return {
    osm: { type: element.type, id: element.id },
    fields,
    ...(idName ? { idName } : {}),
    ...(hours && hoursProblem ? { brokenHours: { value: hours, problem: hoursProblem } } : {}),
    problems,
  };
}
