import { serviceArea } from '../../../functions/domain/resident-affairs/new-request.ts';
import type { MapBox } from '../scripts/map-projection.ts';

/**
 * The town guide's venues the map names, with where the label goes so that neighbours do not
 * overlap (West Scenic Zone and Zhaoming Academy stand 300 m apart). A content folder without one
 * of them (an imported guide) simply has one label fewer.
 */
export const labelledLandmarks = [
  { id: 'convention-center', side: 'right' },
  { id: 'wuzhen-grand-theatre', side: 'right' },
  { id: 'west-scenic-zone', side: 'above' },
  { id: 'zhaoming-academy', side: 'below' },
  { id: 'internet-hospital', side: 'right' },
  { id: 'east-scenic-zone', side: 'below' },
] as const;

/** Room around the outermost venues, in degrees (about 300 m), so a pin fits beyond them. */
const margin = 0.003;
/** The town's middle when the guide has no venue in the service area. */
const fallbackCentre = { lat: 30.7465, lon: 120.492 };

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
const down = (value: number) => Math.floor(value * 1000) / 1000;
const up = (value: number) => Math.ceil(value * 1000) / 1000;

/**
 * The map's box: the guide's venues inside the service area (new-request.ts) with a margin,
 * rounded out to 0.001°, and never beyond the service area, so every pin on it is one the API
 * accepts. The whole service area (25 km across) would leave the town a speck on a phone.
 */
export function townBox(points: readonly { lat: number; lon: number }[]): MapBox {
  const inside = points.filter(
    ({ lat, lon }) =>
      lat >= serviceArea.south &&
      lat <= serviceArea.north &&
      lon >= serviceArea.west &&
      lon <= serviceArea.east,
  );
  const all = inside.length > 0 ? inside : [fallbackCentre];
  const lats = all.map(({ lat }) => lat);
  const lons = all.map(({ lon }) => lon);
  return {
    south: clamp(down(Math.min(...lats) - margin), serviceArea.south, serviceArea.north),
    north: clamp(up(Math.max(...lats) + margin), serviceArea.south, serviceArea.north),
    west: clamp(down(Math.min(...lons) - margin), serviceArea.west, serviceArea.east),
    east: clamp(up(Math.max(...lons) + margin), serviceArea.west, serviceArea.east),
  };
}
