import { XMLParser } from 'fast-xml-parser';
import { xmlProblem } from '../xml-well-formed.ts';
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

/** Attributes as fast-xml-parser gives them (no prefix, values as strings), children as lists. */
interface XmlAttributes {
  [attribute: string]: unknown;
  id?: string;
  lat?: string;
  lon?: string;
  ref?: string;
  type?: string;
  action?: string;
  visible?: string;
  timestamp?: string;
}
interface XmlTag {
  k?: unknown;
  v?: unknown;
}
interface XmlMember extends XmlAttributes {
  nd?: XmlAttributes[];
}
interface XmlElement extends XmlAttributes {
  tag?: XmlTag[];
  nd?: XmlAttributes[];
  member?: XmlMember[];
  center?: XmlAttributes;
}
interface XmlOsm {
  version?: string;
  timestamp?: string;
  node?: XmlElement[];
  way?: XmlElement[];
  relation?: XmlElement[];
  meta?: { osm_base?: string };
}

const repeated = new Set(['node', 'way', 'relation', 'tag', 'nd', 'member']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => repeated.has(name),
});

/** JOSM keeps deleted objects in its files until they are uploaded; the API marks old versions. */
const isDeleted = (element: XmlAttributes) => element.action === 'delete' || element.visible === 'false';

function point(fileName: string, where: string, attributes: XmlAttributes): Point | undefined {
  if (attributes.lat === undefined && attributes.lon === undefined) return undefined;
  return coordinates(fileName, where, attributes.lat, attributes.lon);
}

/** OSM XML as JOSM, the OSM API (`/api/0.6/map`) and Overpass (`[out:xml]`) write it. */
export function readOsmXml(text: string, fileName: string): OsmFile {
  const malformed = xmlProblem(text);
  if (malformed) throw new OsmImportError(`${fileName}: line ${malformed.line}: ${malformed.problem}`);
  let document: Record<string, unknown>;
  try {
    document = parser.parse(text);
  } catch (error) {
    throw new OsmImportError(
      `${fileName}: not well-formed XML, or cut short (${(error as Error).message.split('\n')[0]})`,
    );
  }
  if (document.osmChange) {
    throw new OsmImportError(`${fileName}: an osmChange file (a diff of edits), not OSM data`);
  }
  const osm = document.osm as XmlOsm | undefined;
  if (!osm || typeof osm !== 'object') {
    const root = Object.keys(document).find((name) => name !== '?xml') ?? 'nothing';
    throw new OsmImportError(`${fileName}: <${root}>: not OSM data (an OSM XML file has an <osm> root)`);
  }
  supportedApiVersion(fileName, '<osm version>', osm.version);

  const graph: OsmGraph = { nodes: new Map(), ways: new Map(), relations: new Map() };
  const tagged: Array<{ type: OsmType; element: XmlElement; id: number }> = [];
  const live = (elements: XmlElement[] | undefined) =>
    (elements ?? []).filter((element) => !isDeleted(element));

  for (const node of live(osm.node)) {
    const id = elementId(fileName, 'node', node.id);
    const where = elementName('node', id);
    const at = point(fileName, where, node);
    if (!at) throw new OsmImportError(`${fileName}: ${where}: a node without coordinates (lat and lon)`);
    graph.nodes.set(id, at);
    tagged.push({ type: 'node', element: node, id });
  }
  for (const way of live(osm.way)) {
    const id = elementId(fileName, 'way', way.id);
    const where = elementName('way', id);
    const nds = way.nd ?? [];
    const inline = nds.map((nd) => point(fileName, where, nd));
    const geometry =
      inline.every((at) => at !== undefined) && inline.length > 0 ? (inline as Point[]) : undefined;
    const center = way.center ? point(fileName, `${where}: center`, way.center) : undefined;
    graph.ways.set(id, {
      id,
      nodeRefs: nds.map((nd) => elementId(fileName, 'node', nd.ref, `${where}: nd`)),
      ...(geometry ? { geometry } : {}),
      ...(center ? { center } : {}),
    });
    tagged.push({ type: 'way', element: way, id });
  }
  for (const relation of live(osm.relation)) {
    const id = elementId(fileName, 'relation', relation.id);
    const where = elementName('relation', id);
    const members = (relation.member ?? []).map((member): GraphMember => {
      const type = member.type;
      if (type !== 'node' && type !== 'way' && type !== 'relation') {
        throw new OsmImportError(`${fileName}: ${where}: a member of unknown type "${type ?? ''}"`);
      }
      const own = point(fileName, where, member);
      const inline = (member.nd ?? []).flatMap((nd) => point(fileName, where, nd) ?? []);
      const geometry = own ? [own] : inline;
      return {
        type,
        ref: elementId(fileName, type, member.ref, `${where}: member`),
        ...(geometry.length > 0 ? { geometry } : {}),
      };
    });
    const center = relation.center ? point(fileName, `${where}: center`, relation.center) : undefined;
    graph.relations.set(id, { id, members, ...(center ? { center } : {}) });
    tagged.push({ type: 'relation', element: relation, id });
  }

  const notes: string[] = [];
  const elements: OsmElement[] = tagged.flatMap(({ type, element, id }) => {
    const tags = tagsFrom(
      fileName,
      elementName(type, id),
      (element.tag ?? []).map(({ k, v }) => [k, v]),
    );
    if (Object.keys(tags).length === 0) return [];
    return [graphElement(graph, fileName, type, id, tags, element.timestamp, notes)];
  });
  const timestamp = osm.timestamp ?? osm.meta?.osm_base;
  return { format: 'osm-xml', ...(timestamp ? { timestamp } : {}), elements, notes };
}
