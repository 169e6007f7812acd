import { readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type Document, parseDocument } from 'yaml';
import { currentEdition, loadEditions, loadPrivacyNotice, loadVenues } from '../../load.ts';
import { type ContentChanges, changeContent } from '../staged-content.ts';
import { type MappedVenue, mapVenue } from './map-venue.ts';
import { type FieldKept, newVenueDocument, updateVenueDocument } from './merge-venue.ts';
import { elementName, type OsmFile, OsmImportError, type OsmType, type Point } from './osm-elements.ts';
import { readOsmFile } from './read-osm-file.ts';
import { newVenueId } from './venue-ids.ts';

/** south, west, north, east in degrees, as Overpass writes a bbox. */
export interface BoundingBox {
  south: number;
  west: number;
  north: number;
  east: number;
}

export interface VenueImportOptions {
  file: string;
  /** The content tree to change (content/, or CONTENT_DIR). */
  root: string;
  bbox?: BoundingBox;
  dropSamples?: boolean;
  dryRun?: boolean;
  /** YYYY-MM-DD: lastVerified of objects whose file says nothing about when. */
  today: string;
}

export interface VenueImportReport {
  file: string;
  format: OsmFile['format'];
  elements: number;
  added: string[];
  updated: string[];
  unchanged: string[];
  skipped: Array<{ element: string; reason: string }>;
  kept: Array<{ venue: string } & FieldKept>;
  brokenHours: Array<{ venue: string; element: string; value: string; problem: string }>;
  problems: Array<{ venue: string; element: string; problem: string }>;
  /** Venues from OSM objects that are not in the file (left in place). */
  missing: Array<{ venue: string; element: string }>;
  /** Possible duplicates: a new venue named like a hand-written one that has no OSM link. */
  lookalikes: Array<{ venue: string; existing: string }>;
  samplesDropped: string[];
  notes: string[];
  changes: ContentChanges;
  dryRun: boolean;
  elapsedMs: number;
}

const inside = ({ lat, lon }: Point, box: BoundingBox) =>
  lat >= box.south && lat <= box.north && lon >= box.west && lon <= box.east;

const osmKey = (type: OsmType, id: number) => `${type}/${id}`;

interface VenueFile {
  name: string;
  document: Document;
  venue: { id?: string; sample?: boolean; osm?: { type: OsmType; id: number }; location?: Point };
}

async function readVenueFiles(folder: string): Promise<VenueFile[]> {
  const names = (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return Promise.all(
    names.map(async (name) => {
      const document = parseDocument(await readFile(join(folder, name), 'utf8'));
      if (document.errors.length > 0) {
        throw new OsmImportError(`content/venues/${name}: not valid YAML: ${document.errors[0]?.message}`);
      }
      return { name, document, venue: (document.toJS() ?? {}) as VenueFile['venue'] };
    }),
  );
}

/** The site and the seed read content through these loaders: a staged tree they refuse is not moved in. */
async function checkContent(stagedRoot: string): Promise<void> {
  await loadVenues(join(stagedRoot, 'venues'));
  currentEdition(await loadEditions(join(stagedRoot, 'editions')));
  await loadPrivacyNotice(join(stagedRoot, 'privacy', 'notice.yaml'));
}

/**
 * Writes the mapped venues into a staged venues folder: updates the files of venues already linked
 * to their OSM object, adds the others, reports the linked ones the file no longer has, and drops
 * the samples when asked.
 */
async function writeVenues(
  folder: string,
  mapped: MappedVenue[],
  inFile: Set<string>,
  options: VenueImportOptions,
  report: VenueImportReport,
): Promise<void> {
  const files = await readVenueFiles(folder);
  const byOsm = new Map<string, VenueFile>();
  for (const file of files) {
    const link = file.venue.osm;
    if (!link) continue;
    const key = osmKey(link.type, link.id);
    const other = byOsm.get(key);
    if (other)
      report.notes.push(`${other.name} and ${file.name} both say they are ${key}; updated ${other.name}`);
    else byOsm.set(key, file);
  }
  const taken = new Set(files.flatMap(({ venue, name }) => [venue.id ?? '', name.replace(/\.ya?ml$/, '')]));
  const handWritten = new Map(files.filter(({ venue }) => !venue.osm).map((file) => [file.venue.id, file]));

  for (const venue of mapped) {
    const where = elementName(venue.osm.type, venue.osm.id);
    const existing = byOsm.get(osmKey(venue.osm.type, venue.osm.id));
    let id: string;
    if (existing) {
      id = existing.venue.id ?? existing.name.replace(/\.ya?ml$/, '');
      const { changed, kept } = updateVenueDocument(existing.document, venue.fields);
      for (const field of kept) report.kept.push({ venue: id, ...field });
      if (changed) {
        await writeFile(join(folder, existing.name), existing.document.toString());
        report.updated.push(id);
      } else {
        report.unchanged.push(id);
      }
    } else {
      id = newVenueId(venue.idName, venue.osm, taken);
      taken.add(id);
      const lookalike = venue.idName ? newVenueId(venue.idName, venue.osm, new Set()) : undefined;
      if (lookalike && lookalike !== id && handWritten.has(lookalike)) {
        report.lookalikes.push({ venue: id, existing: lookalike });
      }
      await writeFile(join(folder, `${id}.yaml`), newVenueDocument(id, venue.fields).toString());
      report.added.push(id);
    }
    if (venue.brokenHours) report.brokenHours.push({ venue: id, element: where, ...venue.brokenHours });
    for (const problem of venue.problems) report.problems.push({ venue: id, element: where, problem });
  }

  for (const [key, file] of byOsm) {
    if (inFile.has(key)) continue;
    const location = file.venue.location;
    if (options.bbox && location && !inside(location, options.bbox)) continue;
    report.missing.push({ venue: file.venue.id ?? file.name, element: key.replace('/', ' ') });
  }

  if (options.dropSamples) {
    for (const file of files.filter(({ venue }) => venue.sample === true)) {
      await unlink(join(folder, file.name));
      report.samplesDropped.push(file.venue.id ?? file.name);
    }
  }
}

/**
 * Imports venues from an OSM file into the content tree, all or nothing: bad input throws an
 * OsmImportError (naming the file and the element) before anything is written, and content that
 * would not load is never moved into place.
 */
export async function importVenues(options: VenueImportOptions): Promise<VenueImportReport> {
  const started = performance.now();
  const fileName = basename(options.file);
  let text: string;
  try {
    text = await readFile(options.file, 'utf8');
  } catch (error) {
    throw new OsmImportError(`${options.file}: cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  const osm = readOsmFile(text, fileName);
  const report: VenueImportReport = {
    file: fileName,
    format: osm.format,
    elements: osm.elements.length,
    added: [],
    updated: [],
    unchanged: [],
    skipped: [],
    kept: [],
    brokenHours: [],
    problems: [],
    missing: [],
    lookalikes: [],
    samplesDropped: [],
    notes: osm.notes,
    changes: { added: [], changed: [], removed: [] },
    dryRun: options.dryRun ?? false,
    elapsedMs: 0,
  };

  const mapped: MappedVenue[] = [];
  const inFile = new Set<string>();
  const context = { ...(osm.timestamp ? { fileTimestamp: osm.timestamp } : {}), today: options.today };
  // In one order whatever the format, so that names two objects share give the same ids from each.
  const typeRank: Record<OsmType, number> = { node: 0, way: 1, relation: 2 };
  const elements = osm.elements.toSorted((a, b) => typeRank[a.type] - typeRank[b.type] || a.id - b.id);
  for (const element of elements) {
    const where = elementName(element.type, element.id);
    const key = osmKey(element.type, element.id);
    // Files merged by hand (JOSM, cat) can hold an object twice: one venue, from its first copy.
    if (inFile.has(key)) {
      report.notes.push(`${where} is in the file more than once; its first copy was used`);
      continue;
    }
    inFile.add(key);
    const mapping = mapVenue(element, context);
    if ('skip' in mapping) {
      report.skipped.push({ element: where, reason: mapping.skip });
    } else if (options.bbox && !inside(mapping.fields.location as Point, options.bbox)) {
      report.skipped.push({ element: where, reason: 'outside --bbox' });
    } else {
      mapped.push(mapping);
    }
  }

  report.changes = await changeContent(
    options.root,
    (stagedRoot) => writeVenues(join(stagedRoot, 'venues'), mapped, inFile, options, report),
    checkContent,
    { dryRun: options.dryRun ?? false },
  );
  report.elapsedMs = performance.now() - started;
  return report;
}
