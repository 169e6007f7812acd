/**
 * The town map's projection (TownMap.astro draws with it when the site is built, town-map.ts places
 * pins with it in the browser): linear in latitude and longitude over a box, the box's width taken
 * as 1,000 map units and its height as many as keep metres square at its middle latitude. Over the
 * few kilometres of a town that is as true as any projection a phone shows.
 */
export interface MapBox {
  south: number;
  west: number;
  north: number;
  east: number;
}

export interface MapPoint {
  x: number;
  y: number;
}

export const mapWidth = 1000;

const metresPerDegreeLatitude = 111_320;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** How far east one degree of longitude reaches, relative to one of latitude, at the box's middle. */
const longitudeScale = (box: MapBox) => Math.cos(radians((box.south + box.north) / 2));

export const mapHeight = (box: MapBox) =>
  Math.round((mapWidth * (box.north - box.south)) / ((box.east - box.west) * longitudeScale(box)));

export function toMap(box: MapBox, lat: number, lon: number): MapPoint {
  return {
    x: ((lon - box.west) / (box.east - box.west)) * mapWidth,
    y: ((box.north - lat) / (box.north - box.south)) * mapHeight(box),
  };
}

/** The point of the map as latitude and longitude, rounded to 6 decimals (about 10 cm). */
export function fromMap(box: MapBox, { x, y }: MapPoint): { lat: number; lon: number } {
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  return {
    lat: round(box.north - (y / mapHeight(box)) * (box.north - box.south)),
    lon: round(box.west + (x / mapWidth) * (box.east - box.west)),
  };
}

/** Map units per metre, to draw a scale bar and move the pin by a distance. */
export const unitsPerMetre = (box: MapBox) =>
  mapWidth / ((box.east - box.west) * longitudeScale(box) * metresPerDegreeLatitude);

/** The distance in metres between two points and the compass direction (8 winds) from the second to the first. */
export function distanceAndDirection(
  from: { lat: number; lon: number },
  to: { lat: number; lon: number },
): { metres: number; direction: 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w' | 'nw' } {
  const north = (from.lat - to.lat) * metresPerDegreeLatitude;
  const east = (from.lon - to.lon) * metresPerDegreeLatitude * Math.cos(radians(to.lat));
  const metres = Math.hypot(north, east);
  const winds = ['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw'] as const;
  const bearing = (Math.atan2(east, north) * 180) / Math.PI;
  const direction = winds[Math.round(((bearing + 360) % 360) / 45) % 8] ?? 'n';
  return { metres, direction };
}
