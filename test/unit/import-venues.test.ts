import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { OsmImportError } from '../../content/import/venues/osm-elements.ts';
import { importVenues, type VenueImportOptions } from '../../content/import/venues/venue-import.ts';
import { loadVenues } from '../../content/load.ts';
import type { Venue } from '../../content/schemas/venue.ts';
import { treeHashes } from '../support/tree-hashes.ts';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = join(projectRoot, 'test/fixtures/osm');
const osmXml = join(fixtures, 'wuzhen-sample.osm');
const overpassJson = join(fixtures, 'wuzhen-sample.overpass.json');
const geoJson = join(fixtures, 'wuzhen-sample.geojson');
const today = '2026-12-01';
const wuzhen = { south: 30.7, west: 120.44, north: 30.78, east: 120.54 };

let work: string;
let root: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'import-venues-'));
  root = join(work, 'content');
  await cp(join(projectRoot, 'content'), root, { recursive: true });
});
afterEach(() => rm(work, { recursive: true, force: true }));

const run = (options: Partial<VenueImportOptions> = {}) =>
  importVenues({ file: osmXml, root, today, ...options });

async function importedVenues(contentRoot = root): Promise<Venue[]> {
  return (await loadVenues(join(contentRoot, 'venues'))).filter(({ osm }) => osm);
}

const byOsm = (venues: Venue[], type: string, id: number) => {
  const venue = venues.find(({ osm }) => osm?.type === type && osm.id === id);
  if (!venue) throw new Error(`no venue from ${type} ${id}`);
  return venue;
};

describe('importing the Wuzhen fixture', () => {
  it('maps the OSM tags to the expected venues and skips what maps to none, with the reason', async () => {
    const report = await run();
    expect(report.added).toHaveLength(14);
    expect(report.skipped).toEqual([
      { element: 'node 1010', reason: 'no venue category for its tags' },
      { element: 'node 1011', reason: 'no name' },
      {
        element: 'node 1013',
        reason: 'public_transport=stop_position (its platform or bus stop is the venue)',
      },
    ]);
    const venues = await importedVenues();
    expect(venues).toHaveLength(14);

    expect(byOsm(venues, 'node', 1001)).toEqual({
      id: 'wuzhen-waterside-hotel',
      name: { en: 'Wuzhen Waterside Hotel', zh: '乌镇水岸酒店' },
      category: 'hotel',
      intro: {
        en: "A canal-side hotel five minutes' walk from the West Scenic Zone.",
        zh: '临河酒店，步行五分钟到西栅景区。',
      },
      address: {
        en: '18 Shifo South Road, Tongxiang, Zhejiang 314501',
        zh: '浙江省桐乡市石佛南路18号（邮编 314501）',
      },
      location: { lat: 30.74312, lon: 120.48734, precision: 'exact' },
      phone: '+86 573 8873 1000',
      website: 'https://waterside-hotel.example.com/',
      openingHours: '24/7',
      payment: ['alipay', 'wechat', 'card', 'cash'],
      wifi: { free: true, network: 'Waterside-Guest' },
      wheelchair: 'yes',
      lastVerified: '2026-10-12',
      source: '© OpenStreetMap contributors (ODbL 1.0)',
      osm: { type: 'node', id: 1001 },
      sample: false,
    });
    // A name in Chinese characters only fills both languages, and gives no slug.
    expect(byOsm(venues, 'node', 1002)).toMatchObject({
      id: 'osm-n1002',
      name: { en: '老街面馆', zh: '老街面馆' },
      category: 'restaurant',
      intro: { en: 'A restaurant, as mapped in OpenStreetMap. No description yet.' },
      phone: '0573-8873-2000',
      payment: ['alipay', 'wechat'],
    });
    // No addr:* at all: no address, rather than a sentence a taxi driver cannot use.
    expect(byOsm(venues, 'node', 1002)?.address).toBeUndefined();
    const cafe = byOsm(venues, 'node', 1003);
    expect(cafe).toMatchObject({
      id: 'bytes-cafe',
      name: { en: 'Bytes Café', zh: 'Bytes Café' },
      intro: { en: 'Espresso and laptops by the canal.', zh: 'OpenStreetMap 上标注的咖啡馆，暂无介绍。' },
      wifi: { free: false },
      payment: ['card'],
    });
    expect(cafe.website).toBeUndefined();
    expect(byOsm(venues, 'way', 2001)).toMatchObject({
      id: 'stone-bridge-guest-house',
      name: { en: 'Stone Bridge Guest House', zh: '石桥民宿' },
      category: 'inn',
      subcategory: 'guest house',
      location: { lat: 30.74635, lon: 120.4937, precision: 'approximate' },
      phone: '+86 (573) 8873 3000',
      wheelchair: 'limited',
    });
    expect(byOsm(venues, 'way', 2003)).toMatchObject({
      category: 'transport',
      subcategory: 'stop',
      location: { lat: 30.7503, lon: 120.4866782, precision: 'approximate' },
    });
    expect(byOsm(venues, 'relation', 3001)).toMatchObject({
      id: 'wuzhen-community-hospital',
      category: 'hospital',
      location: { lat: 30.7396, lon: 120.4957, precision: 'approximate' },
      address: { en: '9 新华路', zh: '新华路9号' },
      lastVerified: '2026-07-15',
    });
    expect(byOsm(venues, 'node', 1004)).toMatchObject({ category: 'toilets', wheelchair: 'yes' });
    const busStop = byOsm(venues, 'node', 1005);
    expect(busStop).toMatchObject({ category: 'transport', subcategory: 'bus stop', wifi: {} });
    expect(busStop.wifi?.free).toBeUndefined();
    expect(byOsm(venues, 'node', 1006)).toMatchObject({
      subcategory: 'taxi rank',
      name: { en: 'Convention Center Taxi Rank', zh: '会展中心出租车候车点' },
      payment: ['alipay', 'wechat', 'cash'],
    });
    expect(byOsm(venues, 'node', 1007)).toMatchObject({ subcategory: 'bike rental', payment: ['alipay'] });
    expect(byOsm(venues, 'node', 1008)).toMatchObject({ category: 'hospital', subcategory: 'clinic' });
    expect(byOsm(venues, 'node', 1009)).toMatchObject({
      category: 'wifi',
      wifi: { free: true, network: 'Wuzhen-Free' },
      lastVerified: '2026-11-28',
    });
    expect(report.problems).toContainEqual({
      venue: 'town-square-free-wi-fi',
      element: 'node 1009',
      problem: "lastVerified 2026-11-28: the object has no timestamp; taken from the file's timestamp",
    });
    // The http site is reported, not upgraded.
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        venue: 'bytes-cafe',
        problem: expect.stringMatching(/^website "http:.*is http/),
      }),
    );
    // A name a hand-written venue has gets an id of its own, and the likeness is reported.
    expect(byOsm(venues, 'node', 1014).id).toBe('tongan-inn-2');
    expect(report.lookalikes).toEqual([{ venue: 'tongan-inn-2', existing: 'tongan-inn' }]);
  });

  it('keeps opening hours the evaluator cannot read as openingHoursText, and reports them', async () => {
    const report = await run();
    expect(report.brokenHours).toEqual([
      {
        venue: 'osm-n1002',
        element: 'node 1002',
        value: '每天 10:00-21:00',
        problem: expect.stringContaining('Unexpected token'),
      },
    ]);
    const restaurant = byOsm(await importedVenues(), 'node', 1002);
    expect(restaurant.openingHoursText).toBe('每天 10:00-21:00');
    expect(restaurant.openingHours).toBeUndefined();
  });

  it('records a digest of every field it wrote in the file, which loadVenues strips', async () => {
    await run();
    const file = parse(await readFile(join(root, 'venues/wuzhen-waterside-hotel.yaml'), 'utf8'));
    expect(Object.keys(file.imported)).toEqual([
      'name',
      'category',
      'intro',
      'address',
      'location',
      'phone',
      'website',
      'openingHours',
      'payment',
      'wifi',
      'wheelchair',
      'lastVerified',
      'source',
      'osm',
    ]);
    expect(file.imported.phone).toBe(
      createHash('sha256').update('"+86 573 8873 1000"').digest('hex').slice(0, 12),
    );
    expect(byOsm(await importedVenues(), 'node', 1001)).not.toHaveProperty('imported');
  });

  it('refuses a digest that is not one, naming the file and the field', async () => {
    await run();
    const hotelFile = join(root, 'venues/wuzhen-waterside-hotel.yaml');
    await writeFile(hotelFile, (await readFile(hotelFile, 'utf8')).replace(/( {2}phone: )\w+/, '$1edited'));
    await expect(loadVenues(join(root, 'venues'))).rejects.toThrow(
      /wuzhen-waterside-hotel\.yaml: invalid content\n {2}imported\.phone: the first 12 hex digits of a SHA-256/,
    );
  });

  it('gives the same venues from OSM XML, Overpass JSON and GeoJSON', async () => {
    const fromXml = await run();
    const venuesFromXml = await importedVenues();
    for (const file of [overpassJson, geoJson]) {
      const other = join(work, relative(fixtures, file));
      await cp(join(projectRoot, 'content'), other, { recursive: true });
      const report = await importVenues({ file, root: other, today });
      expect(report.added, file).toEqual(fromXml.added);
      expect(report.skipped, file).toEqual(fromXml.skipped);
      expect(await importedVenues(other), file).toEqual(venuesFromXml);
    }
  });

  it('keeps only what lies inside --bbox', async () => {
    const everything = await run({ dryRun: true });
    expect(everything.added).toContain('tongxiang-riverside-restaurant');
    const report = await run({ bbox: wuzhen });
    expect(report.added).not.toContain('tongxiang-riverside-restaurant');
    expect(report.added).toHaveLength(13);
    expect(report.skipped).toContainEqual({ element: 'node 1012', reason: 'outside --bbox' });
    const venues = await importedVenues();
    for (const { location } of venues) {
      expect(location.lat).toBeGreaterThanOrEqual(wuzhen.south);
      expect(location.lon).toBeLessThanOrEqual(wuzhen.east);
    }
  });

  it('with --dry-run says what would change and writes nothing', async () => {
    const before = await treeHashes(root);
    const report = await run({ dryRun: true });
    expect(report.changes.added).toHaveLength(14);
    expect(await treeHashes(root)).toEqual(before);
  });

  it('with --drop-samples removes the sample listings and only those', async () => {
    const handWritten = (await loadVenues(join(root, 'venues'))).filter(({ sample }) => !sample);
    const report = await run({ dropSamples: true });
    const venues = await loadVenues(join(root, 'venues'));
    expect(venues.filter(({ sample }) => sample)).toEqual([]);
    expect(report.samplesDropped.length).toBeGreaterThan(0);
    expect(report.changes.removed).toHaveLength(report.samplesDropped.length);
    expect(venues.filter(({ osm }) => !osm)).toEqual(handWritten);
  });
});

describe('re-importing', () => {
  async function changedFixture(replacements: Array<[string, string]>): Promise<string> {
    const text = replacements.reduce(
      (xml, [from, to]) => {
        expect(xml).toContain(from);
        return xml.replace(from, to);
      },
      await readFile(osmXml, 'utf8'),
    );
    const file = join(work, 'changed.osm');
    await writeFile(file, text);
    return file;
  }

  it('updates the fields still as imported and keeps the phone an editor changed, and says so', async () => {
    await run();
    const hotelFile = join(root, 'venues/wuzhen-waterside-hotel.yaml');
    const edited = (await readFile(hotelFile, 'utf8')).replace(
      'phone: +86 573 8873 1000',
      'phone: +86 573 8873 9999 # the front desk, checked by phone',
    );
    await writeFile(hotelFile, edited);
    const file = await changedFixture([
      ['<tag k="phone" v="+86 573 8873 1000;+86 573 8873 1001"/>', '<tag k="phone" v="+86 573 8873 1111"/>'],
      ['<tag k="opening_hours" v="24/7"/>', '<tag k="opening_hours" v="Mo-Su 07:00-23:00"/>'],
      ['<tag k="payment:visa" v="yes"/>', '<tag k="payment:visa" v="no"/>'],
      ['timestamp="2026-10-12T08:30:00Z"', 'timestamp="2026-11-30T08:30:00Z"'],
    ]);
    const report = await run({ file });
    expect(report.added).toEqual([]);
    expect(report.updated).toEqual(['wuzhen-waterside-hotel']);
    expect(report.unchanged).toHaveLength(13);
    expect(report.kept).toEqual([
      {
        venue: 'wuzhen-waterside-hotel',
        field: 'phone',
        current: '+86 573 8873 9999',
        imported: '+86 573 8873 1111',
      },
    ]);
    expect(report.changes).toEqual({
      added: [],
      changed: ['venues/wuzhen-waterside-hotel.yaml'],
      removed: [],
    });
    const hotel = byOsm(await importedVenues(), 'node', 1001);
    expect(hotel).toMatchObject({
      id: 'wuzhen-waterside-hotel',
      phone: '+86 573 8873 9999',
      openingHours: 'Mo-Su 07:00-23:00',
      payment: ['alipay', 'wechat', 'cash'],
      lastVerified: '2026-11-30',
    });
    // The editor's comment survives, and the phone stays the editor's at the next import too.
    expect(await readFile(hotelFile, 'utf8')).toContain('# the front desk, checked by phone');
    const again = await run({ file });
    expect(again.changes).toEqual({ added: [], changed: [], removed: [] });
    expect(again.kept.map(({ field }) => field)).toEqual(['phone']);
  });

  it('finds a venue by its OSM object when its name changed, and keeps its id and file', async () => {
    await run();
    const file = await changedFixture([['v="Stone Bridge Guest House"', 'v="Old Stone Bridge Guest House"']]);
    const report = await run({ file });
    expect(report.updated).toEqual(['stone-bridge-guest-house']);
    expect(byOsm(await importedVenues(), 'way', 2001)).toMatchObject({
      id: 'stone-bridge-guest-house',
      name: { en: 'Old Stone Bridge Guest House', zh: '石桥民宿' },
    });
  });

  it('makes one venue of an object a file holds twice, and notes it', async () => {
    const xml = await readFile(osmXml, 'utf8');
    const taxiRank = / {2}<node id="1006"[\s\S]*?<\/node>\n/.exec(xml)?.[0] ?? '';
    const file = join(work, 'twice.osm');
    await writeFile(file, xml.replace('</osm>', `${taxiRank}</osm>`));
    const report = await run({ file });
    expect(report.added.filter((id) => id.startsWith('convention-center-taxi-rank'))).toEqual([
      'convention-center-taxi-rank',
    ]);
    expect(report.notes).toContain('node 1006 is in the file more than once; its first copy was used');
  });

  it('reports venues whose OSM object left the file and deletes none', async () => {
    await run();
    const file = await changedFixture([['<node id="1006"', '<node id="1106"']]);
    const report = await run({ file });
    expect(report.missing).toEqual([{ venue: 'convention-center-taxi-rank', element: 'node 1006' }]);
    expect(report.changes.removed).toEqual([]);
    expect(report.added).toEqual(['convention-center-taxi-rank-2']);
  });
});

describe('bad input', () => {
  const original = () => readFile(osmXml, 'utf8');
  const badFiles: Array<{ name: string; text: () => Promise<string>; message: RegExp }> = [
    {
      name: 'not-osm.txt',
      text: async () => 'name,lat,lon\nTea House,30.74,120.49\n',
      message: /^not-osm\.txt: not OSM data/,
    },
    {
      name: 'gpx.osm',
      text: async () => '<?xml version="1.0"?><gpx version="1.1"><wpt lat="30.7" lon="120.4"/></gpx>',
      message: /^gpx\.osm: <gpx>: not OSM data/,
    },
    {
      name: 'other.json',
      text: async () => '{"venues": []}',
      message: /^other\.json: not OSM data/,
    },
    {
      name: 'truncated.osm',
      text: async () => (await original()).slice(0, 2500),
      message: /^truncated\.osm: line \d+: the XML ends before the document does: a truncated file\? \(/,
    },
    {
      name: 'mismatched.osm',
      text: async () => (await original()).replace('</way>', '</wey>'),
      message: /^mismatched\.osm: line \d+: not well-formed XML: /,
    },
    {
      name: 'cut-in-a-tag.osm',
      text: async () => (await original()).slice(0, 4000),
      message: /^cut-in-a-tag\.osm: line \d+: the XML ends before the document does: a truncated file\? \(/,
    },
    {
      name: 'truncated.json',
      text: async () => (await readFile(overpassJson, 'utf8')).slice(0, 3000),
      message: /^truncated\.json: not valid JSON .*truncated/,
    },
    {
      name: 'future.osm',
      text: async () => (await original()).replace('<osm version="0.6"', '<osm version="0.7"'),
      message: /^future\.osm: <osm version>: OSM API version "0\.7" is not supported/,
    },
    {
      name: 'future.json',
      text: async () => (await readFile(overpassJson, 'utf8')).replace('"version": 0.6', '"version": 0.5'),
      message: /^future\.json: version: OSM API version "0\.5" is not supported/,
    },
    {
      name: 'no-coordinates.osm',
      text: async () =>
        (await original()).replace('<node id="1004" lat="30.7427000" lon="120.4851000"', '<node id="1004"'),
      message: /^no-coordinates\.osm: node 1004: a node without coordinates/,
    },
    {
      name: 'no-coordinates.geojson',
      text: async () => {
        const document = JSON.parse(await readFile(geoJson, 'utf8'));
        document.features.find(({ id }: { id?: string }) => id === 'node/1004').geometry = null;
        return JSON.stringify(document);
      },
      message: /^no-coordinates\.geojson: node 1004: a feature without coordinates/,
    },
    {
      name: 'way-without-nodes.osm',
      text: async () => (await original()).replace(/ *<node id="910\d"[^>]*\/>\n/g, ''),
      message: /^way-without-nodes\.osm: way 2001: none of its 5 nodes is in the file/,
    },
  ];

  it.each(badFiles)(
    '$name: names the file and the element, and leaves content byte-identical',
    async (bad) => {
      const file = join(work, bad.name);
      await writeFile(file, await bad.text());
      const before = await treeHashes(root);
      const failure = run({ file });
      await expect(failure).rejects.toBeInstanceOf(OsmImportError);
      await expect(failure).rejects.toThrow(bad.message);
      expect(await treeHashes(root)).toEqual(before);
    },
  );

  it('the command exits with 1 and a message naming the file, and changes nothing', async () => {
    const file = join(work, 'truncated.osm');
    await writeFile(file, (await original()).slice(0, 4000));
    const before = await treeHashes(root);
    const command = join(projectRoot, 'content/import/import-venues.ts');
    const failure = await promisify(execFile)(process.execPath, [command, file], {
      env: { ...process.env, CONTENT_DIR: root },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toMatch(
      /^truncated\.osm: line \d+: the XML ends before the document does/,
    );
    expect((failure as { stderr: string }).stderr).toContain('Nothing was changed.');
    expect(await treeHashes(root)).toEqual(before);
  });

  it('the command imports the fixture and prints the counts', async () => {
    const command = join(projectRoot, 'content/import/import-venues.ts');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [command, osmXml, '--bbox', '30.7,120.44,30.78,120.54'],
      {
        env: { ...process.env, CONTENT_DIR: root },
      },
    );
    expect(stdout).toContain('imported 13 new, updated 0, unchanged 0, skipped 4, samples dropped 0');
    expect(await importedVenues()).toHaveLength(13);
  });
});
