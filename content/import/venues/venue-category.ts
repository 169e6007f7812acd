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
const rules: Rule[] = [
  { key: 'tourism', value: 'hotel', category: 'hotel', label: { en: 'a hotel', zh: '酒店' } },
  {
    key: 'tourism',
    value: 'guest_house',
    category: 'inn',
    subcategory: 'guest house',
    label: { en: 'a guest house', zh: '民宿' },
  },
  { key: 'tourism', value: 'hostel', category: 'hostel', label: { en: 'a hostel', zh: '青年旅舍' } },
  { key: 'amenity', value: 'restaurant', category: 'restaurant', label: { en: 'a restaurant', zh: '餐厅' } },
  {
    key: 'amenity',
    value: 'fast_food',
    category: 'restaurant',
    subcategory: 'fast food',
    label: { en: 'a fast-food restaurant', zh: '快餐店' },
  },
  { key: 'amenity', value: 'cafe', category: 'cafe', label: { en: 'a café', zh: '咖啡馆' } },
  { key: 'amenity', value: 'hospital', category: 'hospital', label: { en: 'a hospital', zh: '医院' } },
  {
    key: 'amenity',
    value: 'clinic',
    category: 'hospital',
    subcategory: 'clinic',
    label: { en: 'a clinic', zh: '诊所' },
  },
  {
    key: 'amenity',
    value: 'toilets',
    category: 'toilets',
    subcategory: 'public toilet',
    label: { en: 'public toilets', zh: '公共厕所' },
  },
  {
    key: 'amenity',
    value: 'bicycle_rental',
    category: 'transport',
    subcategory: 'bike rental',
    label: { en: 'a bike rental', zh: '自行车租赁点' },
  },
  {
    key: 'amenity',
    value: 'taxi',
    category: 'transport',
    subcategory: 'taxi rank',
    label: { en: 'a taxi rank', zh: '出租车候车点' },
  },
  {
    key: 'highway',
    value: 'bus_stop',
    category: 'transport',
    subcategory: 'bus stop',
    label: { en: 'a bus stop', zh: '公交车站' },
  },
  {
    key: 'public_transport',
    value: 'station',
    category: 'transport',
    subcategory: 'station',
    label: { en: 'a public transport station', zh: '公共交通车站' },
  },
  {
    key: 'public_transport',
    value: 'platform',
    category: 'transport',
    subcategory: 'stop',
    label: { en: 'a public transport stop', zh: '公共交通站点' },
  },
];

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
