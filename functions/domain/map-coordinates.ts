// Coordinates for Chinese map services. Venues are stored in WGS-84 (GPS); maps published in China
// use GCJ-02, a deliberately offset datum (Amap, Tencent), and Baidu offsets GCJ-02 once more (BD-09).
// The GCJ-02 formulas are the widely published "eviltransform" ones; BD-09 is Baidu's own.

export interface LatLon {
  lat: number;
  lon: number;
}

/** The Krasovsky 1940 ellipsoid the GCJ-02 formulas work on. */
const semiMajorAxis = 6378245.0;
const eccentricitySquared = 0.006693421622965943;
const baiduPi = (Math.PI * 3000.0) / 180.0;

/** GCJ-02 applies in mainland China only; elsewhere it equals WGS-84. The usual bounding box. */
export function outOfChina({ lat, lon }: LatLon): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let result = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  result += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  result += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  result += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return result;
}

function transformLon(x: number, y: number): number {
  let result = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  result += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  result += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  result += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return result;
}

/** The GCJ-02 offset at a WGS-84 point, in degrees. */
function gcjOffset({ lat, lon }: LatLon): LatLon {
  const radLat = (lat / 180.0) * Math.PI;
  const magic = 1 - eccentricitySquared * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  const dLat =
    (transformLat(lon - 105.0, lat - 35.0) * 180.0) /
    (((semiMajorAxis * (1 - eccentricitySquared)) / (magic * sqrtMagic)) * Math.PI);
  const dLon =
    (transformLon(lon - 105.0, lat - 35.0) * 180.0) /
    ((semiMajorAxis / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: dLat, lon: dLon };
}

/** WGS-84 → GCJ-02; points outside China come back unchanged. */
export function wgs84ToGcj02(point: LatLon): LatLon {
  if (outOfChina(point)) return { lat: point.lat, lon: point.lon };
  const offset = gcjOffset(point);
  return { lat: point.lat + offset.lat, lon: point.lon + offset.lon };
}

/**
 * GCJ-02 → WGS-84 by iteration (the offset varies slowly, so a few rounds reach well under a
 * millimetre); for checking the forward transform and for coordinates read off a Chinese map.
 */
export function gcj02ToWgs84(point: LatLon): LatLon {
  if (outOfChina(point)) return { lat: point.lat, lon: point.lon };
  let guess = { lat: point.lat, lon: point.lon };
  for (let round = 0; round < 10; round++) {
    const forward = wgs84ToGcj02(guess);
    guess = { lat: guess.lat + point.lat - forward.lat, lon: guess.lon + point.lon - forward.lon };
  }
  return guess;
}

/** GCJ-02 → BD-09 (Baidu). */
export function gcj02ToBd09({ lat, lon }: LatLon): LatLon {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * baiduPi);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * baiduPi);
  return { lat: z * Math.sin(theta) + 0.006, lon: z * Math.cos(theta) + 0.0065 };
}

/** BD-09 → GCJ-02, the published approximate inverse. */
export function bd09ToGcj02({ lat, lon }: LatLon): LatLon {
  const x = lon - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * baiduPi);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * baiduPi);
  return { lat: z * Math.sin(theta), lon: z * Math.cos(theta) };
}

/** Six decimals are about 0.1 m: more than any venue's position is worth. */
const fixed = (degrees: number) => degrees.toFixed(6);

export interface MapMarker {
  /** WGS-84, as venues store it. */
  location: LatLon;
  name: string;
  address?: string;
}

/** A query string with %20 for spaces (not +) and the coordinate commas left readable. */
function query(parameters: Array<[string, string | undefined]>): string {
  return parameters
    .filter((pair): pair is [string, string] => pair[1] !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(value).replaceAll('%2C', ',')}`)
    .join('&');
}

/** Identifies the caller to the map services' URI APIs, which ask for a `src`. */
const source = 'wuzhen-portal';

/** Amap (Gaode) web URI for a marker: GCJ-02, longitude first. */
export function amapLink({ location, name }: MapMarker): string {
  const { lat, lon } = wgs84ToGcj02(location);
  return `https://uri.amap.com/marker?${query([
    ['position', `${fixed(lon)},${fixed(lat)}`],
    ['name', name],
    ['src', source],
    ['coordinate', 'gaode'],
    ['callnative', '0'],
  ])}`;
}

/** Baidu Maps web URI for a marker: BD-09, latitude first. */
export function baiduLink({ location, name, address }: MapMarker): string {
  const { lat, lon } = gcj02ToBd09(wgs84ToGcj02(location));
  return `https://api.map.baidu.com/marker?${query([
    ['location', `${fixed(lat)},${fixed(lon)}`],
    ['title', name],
    ['content', address],
    ['output', 'html'],
    ['coord_type', 'bd09ll'],
    ['src', source],
  ])}`;
}
