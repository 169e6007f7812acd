/** What the three readers (OSM XML, Overpass JSON, GeoJSON) hand the mapping: the same for each. */

export type OsmType = 'node' | 'way' | 'relation';

export interface Point {
  lat: number;
  lon: number;
}

export interface OsmLocation extends Point {
  /** Nodes stand where they are mapped; ways and relations are placed at a centre worked out here. */
  precision: 'exact' | 'approximate';
}

export interface OsmElement {
  type: OsmType;
  id: number;
  tags: Record<string, string>;
  /** The object's last edit (ISO 8601), when the file carries metadata. */
  timestamp?: string;
  /**
   * Where it stands. Worked out only for elements that become venues, so that the geometry of
   * everything else in the file cannot fail an import; throws an OsmImportError naming the element.
   */
  locate(): OsmLocation;
}

export interface OsmFile {
  format: 'osm-xml' | 'overpass-json' | 'geojson';
  /** When the data was extracted (the file's own timestamp), if it says. */
  timestamp?: string;
  /** Tagged elements only: untagged nodes and ways are geometry. */
  elements: OsmElement[];
  /** What the reader noticed without failing, for the report. */
  notes: string[];
}

/** Bad input: the message names the file and the element, e.g. "x.osm: node 12: no coordinates". */
export class OsmImportError extends Error {
  override name = 'OsmImportError';
}

export function elementName(type: OsmType, id: number): string {
  return `${type} ${id}`;
}
