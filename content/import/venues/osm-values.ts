import { OsmImportError, type OsmType, type Point } from './osm-elements.ts';

/**
 * Checks shared by the readers: element ids, coordinates, tags and the API version, each failing
 * with a message that names the file and the element.
 */

/** OSM's data model has been API 0.6 since 2009; anything else is a format this code never saw. */
export function supportedApiVersion(fileName: string, where: string, version: unknown): void {
  if (version === undefined) return;
  if (String(version) !== '0.6') {
    throw new OsmImportError(
      `${fileName}: ${where}: OSM API version "${String(version)}" is not supported (only 0.6 is)`,
    );
  }
}

/** Element ids are integers; JOSM gives objects not yet uploaded negative ones. */
export function elementId(fileName: string, type: OsmType, value: unknown, where: string = type): number {
  const id = typeof value === 'number' ? value : Number(value);
  if (value === undefined || value === '' || !Number.isSafeInteger(id) || id === 0) {
    throw new OsmImportError(`${fileName}: ${where}: "${String(value ?? '')}" is not a ${type} id`);
  }
  return id;
}

export function coordinates(fileName: string, where: string, lat: unknown, lon: unknown): Point {
  const point = { lat: Number(lat), lon: Number(lon) };
  const valid =
    lat !== undefined &&
    lon !== undefined &&
    lat !== '' &&
    lon !== '' &&
    Number.isFinite(point.lat) &&
    Number.isFinite(point.lon) &&
    Math.abs(point.lat) <= 90 &&
    Math.abs(point.lon) <= 180;
  if (!valid) {
    throw new OsmImportError(
      `${fileName}: ${where}: coordinates lat "${String(lat ?? '')}", lon "${String(lon ?? '')}" are missing or out of range`,
    );
  }
  return point;
}

export function tagsFrom(
  fileName: string,
  where: string,
  pairs: Array<[unknown, unknown]>,
): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, value] of pairs) {
    if (typeof key !== 'string' || key === '' || (typeof value !== 'string' && typeof value !== 'number')) {
      throw new OsmImportError(`${fileName}: ${where}: a tag without a key or a value`);
    }
    tags[key] = String(value);
  }
  return tags;
}
