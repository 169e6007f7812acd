/**
 * `npm run import:venues -- FILE [--bbox south,west,north,east] [--drop-samples] [--dry-run]`:
 * imports venues from OpenStreetMap data (OSM XML, Overpass JSON or GeoJSON from Overpass) into
 * content/venues/ (or the tree CONTENT_DIR names), all or nothing, and prints what it did.
 * Exit codes: 0 done, 1 bad input or content that would not load (nothing changed), 2 usage.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ContentError, contentRoot } from '../load.ts';
import { describeVenueImport } from './venues/import-report.ts';
import { OsmImportError } from './venues/osm-elements.ts';
import { type BoundingBox, importVenues } from './venues/venue-import.ts';

const usage =
  'usage: npm run import:venues -- FILE [--bbox south,west,north,east] [--drop-samples] [--dry-run]';

function boundingBox(value: string): BoundingBox | undefined {
  const numbers = value.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
  const [south = Number.NaN, west = Number.NaN, north = Number.NaN, east = Number.NaN] = numbers;
  const valid =
    numbers.length === 4 &&
    numbers.every(Number.isFinite) &&
    south >= -90 &&
    north <= 90 &&
    south < north &&
    west >= -180 &&
    east <= 180 &&
    west < east;
  return valid ? { south, west, north, east } : undefined;
}

function commandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        bbox: { type: 'string' },
        'drop-samples': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
}
const { values, positionals } = commandLine();
const [given, ...extra] = positionals;
// npm runs scripts from the project root; a path is meant from where the command was typed.
const file = given && resolve(process.env.INIT_CWD ?? process.cwd(), given);
const bbox = values.bbox === undefined ? undefined : boundingBox(values.bbox);
if (!file || extra.length > 0 || (values.bbox !== undefined && !bbox)) {
  console.error(
    values.bbox !== undefined && !bbox
      ? `--bbox "${values.bbox}": expected south,west,north,east in degrees, south < north and west < east\n${usage}`
      : usage,
  );
  process.exit(2);
}

try {
  const report = await importVenues({
    file,
    root: contentRoot,
    ...(bbox ? { bbox } : {}),
    dropSamples: values['drop-samples'],
    dryRun: values['dry-run'],
    today: new Date().toISOString().slice(0, 10),
  });
  console.log(describeVenueImport(report));
} catch (error) {
  if (!(error instanceof OsmImportError || error instanceof ContentError)) throw error;
  console.error(`${error.message}\nNothing was changed.`);
  process.exit(1);
}
