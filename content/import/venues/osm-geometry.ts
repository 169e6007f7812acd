import type { Point } from './osm-elements.ts';

/**
 * Where a way or a relation is placed, computed the same way whichever format it came in, so the
 * three readers agree: a closed way at the centroid of its area, an open one at the point halfway
 * along it, a relation at the centre of its members' bounding box. Planar on longitude and latitude
 * (longitude scaled by the latitude's cosine where lengths matter): at the size of a town the error
 * is far below what "approximate" promises.
 */

/** Seven decimals, OpenStreetMap's own precision (about 1 cm). */
export function rounded({ lat, lon }: Point): Point {
  return { lat: Math.round(lat * 1e7) / 1e7, lon: Math.round(lon * 1e7) / 1e7 };
}

function samePoint(a: Point | undefined, b: Point | undefined): boolean {
  return a !== undefined && b !== undefined && a.lat === b.lat && a.lon === b.lon;
}

function mean(points: Point[]): Point {
  const sum = points.reduce((total, { lat, lon }) => ({ lat: total.lat + lat, lon: total.lon + lon }), {
    lat: 0,
    lon: 0,
  });
  return { lat: sum.lat / points.length, lon: sum.lon / points.length };
}

/**
 * The centroid of the area a ring encloses (the shoelace formula); a ring without area, its mean.
 * Worked relative to the ring's first point: products of whole degrees would cancel out the digits
 * that matter at the scale of a building.
 */
function ringCentroid(ring: Point[]): Point {
  const origin = ring[0] as Point;
  const local = ring.map(({ lat, lon }) => ({ lat: lat - origin.lat, lon: lon - origin.lon }));
  let twiceArea = 0;
  let lat = 0;
  let lon = 0;
  for (let index = 0; index < local.length - 1; index += 1) {
    const a = local[index] as Point;
    const b = local[index + 1] as Point;
    const cross = a.lon * b.lat - b.lon * a.lat;
    twiceArea += cross;
    lon += (a.lon + b.lon) * cross;
    lat += (a.lat + b.lat) * cross;
  }
  if (twiceArea === 0) return mean(ring.slice(0, -1));
  return { lat: origin.lat + lat / (3 * twiceArea), lon: origin.lon + lon / (3 * twiceArea) };
}

/** The point halfway along a line. */
function lineMidpoint(line: Point[]): Point {
  const scale = Math.cos(((line[0]?.lat ?? 0) * Math.PI) / 180);
  const lengths = line.slice(1).map((b, index) => {
    const a = line[index] as Point;
    return Math.hypot((b.lon - a.lon) * scale, b.lat - a.lat);
  });
  let remaining = lengths.reduce((total, length) => total + length, 0) / 2;
  for (const [index, length] of lengths.entries()) {
    const a = line[index] as Point;
    const b = line[index + 1] as Point;
    if (remaining <= length && length > 0) {
      const share = remaining / length;
      return { lat: a.lat + (b.lat - a.lat) * share, lon: a.lon + (b.lon - a.lon) * share };
    }
    remaining -= length;
  }
  return line[0] as Point;
}

/** A way's points in order: closed when its first and last point are the same. */
export function wayCentre(points: Point[]): Point {
  if (points.length === 1) return points[0] as Point;
  return samePoint(points[0], points.at(-1)) && points.length >= 4
    ? ringCentroid(points)
    : lineMidpoint(points);
}

/** Every point of a relation's members, in any order. */
export function boundsCentre(points: Point[]): Point {
  // A loop, not Math.min(...points): a large relation has more points than a call takes arguments.
  const box = { south: 90, north: -90, west: 180, east: -180 };
  for (const { lat, lon } of points) {
    box.south = Math.min(box.south, lat);
    box.north = Math.max(box.north, lat);
    box.west = Math.min(box.west, lon);
    box.east = Math.max(box.east, lon);
  }
  return { lat: (box.south + box.north) / 2, lon: (box.west + box.east) / 2 };
}
