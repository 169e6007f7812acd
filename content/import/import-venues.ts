/**
 * `npm run import:venues -- FILE [--bbox south,west,north,east] [--drop-samples] [--dry-run]`:
 * imports venues from OpenStreetMap data (OSM XML, Overpass JSON or GeoJSON from Overpass) into
 * content/venues/ (or the tree CONTENT_DIR names), all or nothing, and prints what it did.
 * Exit codes: 0 done, 1 bad input or content that would not load (nothing changed), 2 usage.
 */
import { ContentError, contentRoot } from '../load.ts';
import { importCommandLine, usageError } from './import-command-line.ts';
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

const { values, file } = importCommandLine(
  {
    bbox: { type: 'string' },
    'drop-samples': { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
  },
  usage,
);
const bbox = values.bbox === undefined ? undefined : boundingBox(values.bbox);
if (values.bbox !== undefined && !bbox) {
  usageError(
    `--bbox "${values.bbox}": expected south,west,north,east in degrees, south < north and west < east`,
    usage,
  );
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
