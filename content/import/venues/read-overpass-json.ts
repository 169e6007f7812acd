import {
  elementName,
  type OsmElement,
  type OsmFile,
  OsmImportError,
  type OsmType,
  type Point,
} from './osm-elements.ts';
import { type GraphMember, graphElement, type OsmGraph } from './osm-graph.ts';
import { coordinates, elementId, supportedApiVersion, tagsFrom } from './osm-values.ts';

interface JsonElement {
  type?: unknown;
  id?: unknown;
  lat?: unknown;
  lon?: unknown;
  tags?: unknown;
  timestamp?: unknown;
  nodes?: unknown;
  members?: unknown;
  geometry?: unknown;
  center?: { lat?: unknown; lon?: unknown };
  bounds?: { minlat?: unknown; minlon?: unknown; maxlat?: unknown; maxlon?: unknown };
  visible?: unknown;
}

const osmTypes = new Set<unknown>(['node', 'way', 'relation']);

/** `out geom` lists a coordinate per node, null where the node lies outside the query's bbox. */
function inlineGeometry(fileName: string, where: string, value: unknown): Point[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const points = value.flatMap((entry: { lat?: unknown; lon?: unknown } | null) =>
    entry ? [coordinates(fileName, where, entry.lat, entry.lon)] : [],
  );
  return points.length > 0 ? points : undefined;
}

/** `out center` gives a centre, `out bb` bounds: a place for an object whose nodes are not in the file. */
function givenCentre(fileName: string, where: string, element: JsonElement): Point | undefined {
  if (element.center)
    return coordinates(fileName, `${where}: center`, element.center.lat, element.center.lon);
  const bounds = element.bounds;
  if (!bounds) return undefined;
  const south = coordinates(fileName, `${where}: bounds`, bounds.minlat, bounds.minlon);
  const north = coordinates(fileName, `${where}: bounds`, bounds.maxlat, bounds.maxlon);
  return { lat: (south.lat + north.lat) / 2, lon: (south.lon + north.lon) / 2 };
}

/** Overpass API JSON (`[out:json]`), and the OSM API's JSON, which has the same shape. */
export function readOverpassJson(document: Record<string, unknown>, fileName: string): OsmFile {
  supportedApiVersion(fileName, 'version', document.version);
  if (!Array.isArray(document.elements)) {
    throw new OsmImportError(`${fileName}: elements: not a list, so not Overpass or OSM API JSON`);
  }
  const graph: OsmGraph = { nodes: new Map(), ways: new Map(), relations: new Map() };
  const tagged: Array<{ type: OsmType; id: number; element: JsonElement }> = [];
  for (const [index, value] of (document.elements as unknown[]).entries()) {
    const element = (value ?? {}) as JsonElement;
    if (!osmTypes.has(element.type)) {
      throw new OsmImportError(
        `${fileName}: elements[${index}]: type "${String(element.type)}" is not node, way or relation`,
      );
    }
    if (element.visible === false) continue;
    const type = element.type as OsmType;
    const id = elementId(fileName, type, element.id, `elements[${index}] (${type})`);
    const where = elementName(type, id);
    if (type === 'node') {
      if (element.lat === undefined || element.lon === undefined) {
        throw new OsmImportError(`${fileName}: ${where}: a node without coordinates (lat and lon)`);
      }
      graph.nodes.set(id, coordinates(fileName, where, element.lat, element.lon));
    } else if (type === 'way') {
      const refs = Array.isArray(element.nodes) ? (element.nodes as unknown[]) : [];
      const geometry = inlineGeometry(fileName, where, element.geometry);
      const center = givenCentre(fileName, where, element);
      graph.ways.set(id, {
        id,
        nodeRefs: refs.map((ref) => elementId(fileName, 'node', ref, `${where}: nodes`)),
        ...(geometry ? { geometry } : {}),
        ...(center ? { center } : {}),
      });
    } else {
      const members = (Array.isArray(element.members) ? (element.members as JsonElement[]) : []).map(
        (member): GraphMember => {
          const memberType = member.type;
          if (!osmTypes.has(memberType)) {
            throw new OsmImportError(
              `${fileName}: ${where}: a member of unknown type "${String(memberType)}"`,
            );
          }
          const ref = elementId(
            fileName,
            memberType as OsmType,
            (member as { ref?: unknown }).ref,
            `${where}: member`,
          );
          const own =
            member.lat !== undefined ? [coordinates(fileName, where, member.lat, member.lon)] : undefined;
          const geometry = own ?? inlineGeometry(fileName, where, member.geometry);
          return { type: memberType as OsmType, ref, ...(geometry ? { geometry } : {}) };
        },
      );
      const center = givenCentre(fileName, where, element);
      graph.relations.set(id, { id, members, ...(center ? { center } : {}) });
    }
    tagged.push({ type, id, element });
  }
  const notes: string[] = [];
  const elements: OsmElement[] = tagged.flatMap(({ type, id, element }) => {
    const where = elementName(type, id);
    if (element.tags !== undefined && (typeof element.tags !== 'object' || element.tags === null)) {
      throw new OsmImportError(`${fileName}: ${where}: tags: not an object`);
    }
    const tags = tagsFrom(fileName, where, Object.entries((element.tags ?? {}) as Record<string, unknown>));
    if (Object.keys(tags).length === 0) return [];
    const timestamp = typeof element.timestamp === 'string' ? element.timestamp : undefined;
    return [graphElement(graph, fileName, type, id, tags, timestamp, notes)];
  });
  const osm3s = document.osm3s as { timestamp_osm_base?: unknown } | undefined;
  const timestamp = typeof osm3s?.timestamp_osm_base === 'string' ? osm3s.timestamp_osm_base : undefined;
  return { format: 'overpass-json', ...(timestamp ? { timestamp } : {}), elements, notes };
}
