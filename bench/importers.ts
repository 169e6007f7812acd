/**
 * How long the importers take, each run on a fresh copy of content/ (median of 3): the program
 * importer on the pretalx democon example and its frab XML form, on real exports of other
 * conferences, and on a schedule the size of a large congress (democon held 30 times over at once:
 * 60 rooms, 1,080 sessions); the venue importer on the OpenStreetMap fixture in its three formats. Each
 * import is timed twice: into the shipped content, and again with nothing changed (a re-import).
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { importProgram } from '../content/import/program/import-schedule.ts';
import { importVenues } from '../content/import/venues/venue-import.ts';
import { contentRoot } from '../content/load.ts';
import { tableLines } from './support/table.ts';

const fixtures = join(import.meta.dirname, '../test/fixtures');
const runs = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const hashGuid = (text: string) => {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

interface FrabEvent {
  guid: string;
  id: number;
  room: string;
  persons: Array<{ public_name: string; code?: string }>;
}

/** The democon program held `copies` times over at once, in rooms and with speakers of its own. */
async function congressSizedSchedule(copies: number): Promise<string> {
  const document = JSON.parse(await readFile(join(fixtures, 'schedules/democon.schedule.json'), 'utf8'));
  const conference = document.schedule.conference;
  const roomNames: string[] = conference.rooms.map(({ name }: { name: string }) => name);
  conference.rooms = roomNames.flatMap((name) =>
    Array.from({ length: copies }, (_, copy) => ({
      name: `${name} ${copy + 1}`,
      guid: hashGuid(`${name}/${copy}`),
    })),
  );
  for (const day of conference.days) {
    const original = day.rooms as Record<string, FrabEvent[]>;
    day.rooms = {};
    for (const [name, events] of Object.entries(original)) {
      for (let copy = 1; copy <= copies; copy += 1) {
        day.rooms[`${name} ${copy}`] = events.map((event) => ({
          ...structuredClone(event),
          guid: hashGuid(`${event.guid}/${copy}`),
          id: event.id * 100 + copy,
          room: `${name} ${copy}`,
          persons: event.persons.map(({ public_name }) => ({ public_name: `${public_name} ${copy}` })),
        }));
      }
    }
  }
  const file = join(tmpdir(), `bench-congress-${process.pid}.schedule.json`);
  await writeFile(file, JSON.stringify(document));
  return file;
}

/** Milliseconds of the first import into a fresh copy of content/, and of an import repeated on it. */
async function timed(importInto: (root: string) => Promise<unknown>): Promise<[number, number]> {
  const first: number[] = [];
  const again: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const folder = await mkdtemp(join(tmpdir(), 'bench-import-'));
    const root = join(folder, 'content');
    await cp(contentRoot, root, { recursive: true });
    try {
      let started = performance.now();
      await importInto(root);
      first.push(performance.now() - started);
      started = performance.now();
      await importInto(root);
      again.push(performance.now() - started);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }
  return [median(first), median(again)];
}

const congress = await congressSizedSchedule(30);
const programs: Array<[string, string, string]> = [
  ['democon (pretalx JSON)', join(fixtures, 'schedules/democon.schedule.json'), '2027'],
  ['democon (frab XML)', join(fixtures, 'schedules/democon.schedule.xml'), '2027'],
  ['Camp 2019 (frab JSON)', join(fixtures, 'schedules/camp2019.frab.schedule.json'), '2030'],
  ['rC3 channels (pretalx JSON)', join(fixtures, 'schedules/rc3-channels.pretalx.schedule.json'), '2030'],
  ['38C3, 3 rooms (frab XML)', join(fixtures, 'schedules/38c3-trimmed.schedule.xml'), '2030'],
  ['democon ×30, 60 rooms (JSON)', congress, '2030'],
];

const rows: string[][] = [];
try {
  for (const [name, file, editionId] of programs) {
    let sessions = 0;
    const [first, again] = await timed(async (root) => {
      const result = await importProgram({ file, editionId, root });
      sessions = result.plan.sessions.length;
    });
    rows.push([name, String(sessions), first.toFixed(0), again.toFixed(0)]);
  }
} finally {
  await rm(congress, { force: true });
}
console.log('import:program, ms (median of 3, each on a fresh copy of content/)');
for (const line of tableLines(['schedule', 'sessions', 'first import', 're-import'], rows)) console.log(line);

const venueRows: string[][] = [];
for (const file of ['wuzhen-sample.osm', 'wuzhen-sample.overpass.json', 'wuzhen-sample.geojson']) {
  let imported = 0;
  const [first, again] = await timed(async (root) => {
    const report = await importVenues({ file: join(fixtures, 'osm', file), root, today: '2026-12-01' });
    imported = report.added.length + report.updated.length + report.unchanged.length;
  });
  venueRows.push([file, String(imported), first.toFixed(0), again.toFixed(0)]);
}
console.log('\nimport:venues, ms (median of 3, each on a fresh copy of content/)');
for (const line of tableLines(['file', 'venues', 'first import', 're-import'], venueRows)) console.log(line);
