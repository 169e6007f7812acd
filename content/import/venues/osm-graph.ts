import {
  elementName,
  type OsmElement,
  OsmImportError,
  type OsmLocation,
  type OsmType,
  type Point,
} from './osm-elements.ts';
import { boundsCentre, rounded, wayCentre } from './osm-geometry.ts';

/**
 * OSM's own data model, as OSM XML and Overpass JSON both carry it: nodes with coordinates, ways
 * listing node ids, relations listing members. Overpass may also give a way's or a member's
 * coordinates inline (`out geom`) or only a centre (`out center`) or bounds (`out bb`).
 */
export interface GraphWay {
  id: number;
  nodeRefs: number[];
  /** Inline coordinates, one per node, when the file has them. */
  geometry?: Point[];
  /** A centre the source computed, used only when the nodes are not in the file. */
  center?: Point;
}

export interface GraphMember {
  type: OsmType;
  ref: number;
  /** A way member's inline coordinates, or a node member's point. */
  geometry?: Point[];
}

export interface GraphRelation {
  id: number;
  members: GraphMember[];
  center?: Point;
}

export interface OsmGraph {
  nodes: Map<number, Point>;
  ways: Map<number, GraphWay>;
  relations: Map<number, GraphRelation>;
}

/** Turns a tagged object of the graph into an element that places itself on demand. */
export function graphElement(
  graph: OsmGraph,
  fileName: string,
  type: OsmType,
  id: number,
  tags: Record<string, string>,
  timestamp: string | undefined,
  notes: string[],
): OsmElement {
  const locate = (): OsmLocation => {
    if (type === 'node') {
      const point = graph.nodes.get(id) as Point;
      return { ...rounded(point), precision: 'exact' };
    }
    const centre =
      type === 'way'
        ? wayPosition(graph, fileName, graph.ways.get(id) as GraphWay, notes)
        : relationPosition(graph, fileName, graph.relations.get(id) as GraphRelation, new Set());
    return { ...rounded(centre), precision: 'approximate' };
  };
  return { type, id, tags, ...(timestamp ? { timestamp } : {}), locate };
}

function wayPoints(graph: OsmGraph, way: GraphWay): Point[] {
  if (way.geometry && way.geometry.length > 0) return way.geometry;
  return way.nodeRefs.flatMap((ref) => {
    const node = graph.nodes.get(ref);
    return node ? [node] : [];
  });
}

function wayPosition(graph: OsmGraph, fileName: string, way: GraphWay, notes: string[]): Point {
  const points = wayPoints(graph, way);
  if (points.length === 0) {
    if (way.center) return way.center;
    throw new OsmImportError(
      `${fileName}: ${elementName('way', way.id)}: none of its ${way.nodeRefs.length} nodes is in the file, so it cannot be placed (export it with its nodes, e.g. Overpass "out geom;" or "(._;>;); out;")`,
    );
  }
  if (!way.geometry && points.length < way.nodeRefs.length) {
    notes.push(
      `${elementName('way', way.id)}: ${way.nodeRefs.length - points.length} of its ${way.nodeRefs.length} nodes not in the file; placed from the others`,
    );
  }
  return wayCentre(points);
}

/** Every point of a relation's members that the file holds, sub-relations included (once each). */
function memberPoints(graph: OsmGraph, relation: GraphRelation, seen: Set<number>): Point[] {
  seen.add(relation.id);
  return relation.members.flatMap((member): Point[] => {
    if (member.geometry && member.geometry.length > 0) return member.geometry;
    if (member.type === 'node') {
      const node = graph.nodes.get(member.ref);
      return node ? [node] : [];
    }
    if (member.type === 'way') {
      const way = graph.ways.get(member.ref);
      return way ? wayPoints(graph, way) : [];
    }
    const child = graph.relations.get(member.ref);
    return child && !seen.has(child.id) ? memberPoints(graph, child, seen) : [];
  });
}

function relationPosition(
  graph: OsmGraph,
  fileName: string,
  relation: GraphRelation,
  seen: Set<number>,
): Point {
  const points = memberPoints(graph, relation, seen);
  if (points.length > 0) return boundsCentre(points);
  if (relation.center) return relation.center;
  throw new OsmImportError(
    `${fileName}: ${elementName('relation', relation.id)}: none of its ${relation.members.length} members is in the file, so it cannot be placed`,
  );
}
