import type { VenueCategory } from '../../schemas/venue.ts';

/** What kind of venue an OSM object is, and how to call it in a sentence of each language. */
export interface CategoryMatch {
  category: VenueCategory;
  /** As the hand-written venues spell them (site/src/lib/venue-json-ld.ts refines some). */
  subcategory?: string;
  /** "a hotel" / "酒店": for the intro of a venue OSM has no description of. */
  label: { en: string; zh: string };
}

type Rule = CategoryMatch & { key: string; value: string };

/** In order of precedence: a hotel with a restaurant and Wi-Fi is a hotel. */
const rules: Rule[] = (
  [
    // tag key, tag value, category, subcategory, "a …" in English, in Chinese
    ['tourism', 'hotel', 'hotel', undefined, 'a hotel', '酒店'],
    ['tourism', 'guest_house', 'inn', 'guest house', 'a guest house', '民宿'],
    ['tourism', 'hostel', 'hostel', undefined, 'a hostel', '青年旅舍'],
    ['amenity', 'restaurant', 'restaurant', undefined, 'a restaurant', '餐厅'],
    ['amenity', 'fast_food', 'restaurant', 'fast food', 'a fast-food restaurant', '快餐店'],
    ['amenity', 'cafe', 'cafe', undefined, 'a café', '咖啡馆'],
    ['amenity', 'hospital', 'hospital', undefined, 'a hospital', '医院'],
    ['amenity', 'clinic', 'hospital', 'clinic', 'a clinic', '诊所'],
    ['amenity', 'toilets', 'toilets', 'public toilet', 'public toilets', '公共厕所'],
    ['amenity', 'bicycle_rental', 'transport', 'bike rental', 'a bike rental', '自行车租赁点'],
    ['amenity', 'taxi', 'transport', 'taxi rank', 'a taxi rank', '出租车候车点'],
    ['highway', 'bus_stop', 'transport', 'bus stop', 'a bus stop', '公交车站'],
    ['public_transport', 'station', 'transport', 'station', 'a public transport station', '公共交通车站'],
    ['public_transport', 'platform', 'transport', 'stop', 'a public transport stop', '公共交通站点'],
  ] as const
).map(([key, value, category, subcategory, en, zh]) => ({
  key,
  value,
  category,
  ...(subcategory ? { subcategory } : {}),
  label: { en, zh },
}));

const busStop = rules.find(({ value }) => value === 'bus_stop') as Rule;

/** A place that is only a Wi-Fi hotspot (internet_access=wlan and nothing else the guide lists). */
const wifiSpot: CategoryMatch = {
  category: 'wifi',
  subcategory: 'hotspot',
  label: { en: 'a Wi-Fi hotspot', zh: '无线网络热点' },
};

/** Tag values may list several (`amenity=cafe;restaurant`): the first the guide knows counts. */
const values = (tag: string | undefined) => (tag ?? '').split(';').map((value) => value.trim());

export function offersWlan(tags: Record<string, string>): boolean {
  return values(tags.internet_access).includes('wlan');
}

/**
 * The venue category of an object, or why it has none. `public_transport=stop_position` (where a
 * vehicle halts on the road) and `stop_area` (a relation grouping a stop's parts) are skipped: the
 * platform or `highway=bus_stop` beside them is where people wait, and would be listed twice.
 */
export function categoryOf(tags: Record<string, string>): CategoryMatch | { skip: string } {
  const rule = rules.find(({ key, value }) => values(tags[key]).includes(value));
  if (rule) {
    const {
      key: _key,
      value: _value,
      ...match
    } = rule.value === 'platform' && tags.bus === 'yes' ? busStop : rule;
    return match;
  }
  const stop = values(tags.public_transport).find(
    (value) => value === 'stop_position' || value === 'stop_area',
  );
  if (stop) return { skip: `public_transport=${stop} (its platform or bus stop is the venue)` };
  if (offersWlan(tags)) return wifiSpot;
  return { skip: 'no venue category for its tags' };
}
