import {
  elementName,
  type OsmElement,
  type OsmFile,
  OsmImportError,
  type OsmType,
  type Point,
} from './osm-elements.ts';
import { boundsCentre, rounded, wayCentre } from './osm-geometry.ts';
import { coordinates, elementId, tagsFrom } from './osm-values.ts';

interface Feature {
  type?: unknown;
  id?: unknown;
  properties?: Record<string, unknown> | null;
  geometry?: { type?: unknown; coordinates?: unknown; geometries?: unknown } | null;
}

/** osmtogeojson names an object "way/123" (feature id or `id`), Overpass turbo's export `@id`. */
function osmIdentity(feature: Feature): { type: OsmType; id: unknown } | undefined {
  const properties = feature.properties ?? {};
  for (const candidate of [feature.id, properties['@id'], properties.id]) {
    const match = typeof candidate === 'string' ? /^(node|way|relation)\/(-?\d+)$/.exec(candidate) : null;
    if (match) return { type: match[1] as OsmType, id: match[2] };
  }
  if (typeof properties.type === 'string' && ['node', 'way', 'relation'].includes(properties.type)) {
    return { type: properties.type as OsmType, id: properties.id };
  }
  return undefined;
}

/** Tags nested under `tags` (osmtogeojson) or flat beside `@`-prefixed metadata (Overpass turbo). */
function tagPairs(properties: Record<string, unknown>): Array<[unknown, unknown]> {
  if (properties.tags && typeof properties.tags === 'object') return Object.entries(properties.tags);
  return Object.entries(properties).filter(
    ([key, value]) =>
      !key.startsWith('@') &&
      !(key === 'id' && typeof value === 'string' && /^(node|way|relation)\//.test(value)) &&
      !['relations', 'meta', 'timestamp'].includes(key),
  );
}

function timestampOf(properties: Record<string, unknown>): string | undefined {
  const meta = properties.meta as { timestamp?: unknown } | undefined;
  const value = meta?.timestamp ?? properties['@timestamp'] ?? properties.timestamp;
  return typeof value === 'string' ? value : undefined;
}

/** GeoJSON positions are [lon, lat], nested as deep as the geometry type needs. */
function positions(fileName: string, where: string, value: unknown): Point[] {
  if (!Array.isArray(value)) return [];
  if (typeof value[0] === 'number' || (value.length >= 2 && typeof value[1] === 'number')) {
    return [coordinates(fileName, where, value[1], value[0])];
  }
  return value.flatMap((inner) => positions(fileName, where, inner));
}

function geometryPoints(fileName: string, where: string, geometry: Feature['geometry']): Point[] {
  if (!geometry) return [];
  if (geometry.type === 'GeometryCollection' && Array.isArray(geometry.geometries)) {
    return (geometry.geometries as Feature['geometry'][]).flatMap((inner) =>
      geometryPoints(fileName, where, inner),
    );
  }
  return positions(fileName, where, geometry.coordinates);
}

/** The same placement as the graph readers: nodes exact, ways at their centre, relations at their bounds'. */
function place(fileName: string, type: OsmType, id: number, feature: Feature) {
  const where = elementName(type, id);
  const geometry = feature.geometry;
  const points = geometryPoints(fileName, where, geometry);
  if (points.length === 0) {
    throw new OsmImportError(`${fileName}: ${where}: a feature without coordinates (no geometry)`);
  }
  if (type === 'node') return { ...rounded(points[0] as Point), precision: 'exact' as const };
  const line =
    geometry?.type === 'Polygon'
      ? positions(fileName, where, (geometry.coordinates as unknown[])[0])
      : points;
  const single =
    geometry?.type === 'LineString' || geometry?.type === 'Polygon' || geometry?.type === 'Point';
  const centre = type === 'way' && single ? wayCentre(line) : boundsCentre(points);
  return { ...rounded(centre), precision: 'approximate' as const };
}

/** GeoJSON made from OSM data: osmtogeojson's output and Overpass turbo's export. */
export function readOsmGeoJson(document: Record<string, unknown>, fileName: string): OsmFile {
  if (!Array.isArray(document.features)) {
    throw new OsmImportError(`${fileName}: features: not a list, so not a GeoJSON FeatureCollection`);
  }
  const elements = (document.features as Feature[]).flatMap((feature, index): OsmElement[] => {
    const identity = feature && typeof feature === 'object' ? osmIdentity(feature) : undefined;
    if (!identity) {
      throw new OsmImportError(
        `${fileName}: features[${index}]: no OpenStreetMap id ("node/…", "way/…" or "relation/…" in id or @id), so not GeoJSON from OSM data`,
      );
    }
    const { type } = identity;
    const id = elementId(fileName, type, identity.id, `features[${index}]`);
    const properties = feature.properties ?? {};
    const location = place(fileName, type, id, feature);
    const tags = tagsFrom(fileName, elementName(type, id), tagPairs(properties));
    if (Object.keys(tags).length === 0) return [];
    const timestamp = timestampOf(properties);
    return [{ type, id, tags, ...(timestamp ? { timestamp } : {}), locate: () => location }];
  });
  const timestamp = typeof document.timestamp === 'string' ? document.timestamp : undefined;
  return { format: 'geojson', ...(timestamp ? { timestamp } : {}), elements, notes: [] };
}
