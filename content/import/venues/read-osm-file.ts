import { type OsmFile, OsmImportError } from './osm-elements.ts';
import { readOsmGeoJson } from './read-osm-geojson.ts';
import { readOsmXml } from './read-osm-xml.ts';
import { readOverpassJson } from './read-overpass-json.ts';

/**
 * Reads OSM data in whichever of the three formats it is, told apart by content, not by the file's
 * extension (Overpass serves JSON and GeoJSON alike as `.json`, `.geojson` or nothing).
 */
export function readOsmFile(text: string, fileName: string): OsmFile {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) return readOsmXml(start, fileName);
  if (!start.startsWith('{')) {
    throw new OsmImportError(
      `${fileName}: not OSM data: expected OSM XML (<osm>), Overpass JSON or GeoJSON, found "${start.slice(0, 20)}"`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(start);
  } catch (error) {
    throw new OsmImportError(
      `${fileName}: not valid JSON (${(error as Error).message}); is the file truncated?`,
    );
  }
  const object = document as Record<string, unknown>;
  if (object.type === 'FeatureCollection') return readOsmGeoJson(object, fileName);
  if ('elements' in object) return readOverpassJson(object, fileName);
  throw new OsmImportError(
    `${fileName}: not OSM data: JSON with neither "elements" (Overpass) nor a GeoJSON FeatureCollection`,
  );
}
