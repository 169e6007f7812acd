import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentError, currentEdition, loadEditions, loadVenues } from '../../content/load.ts';

describe('the shipped content', () => {
  it('loads every venue, each id matching its file', async () => {
    const venues = await loadVenues();
    const ids = venues.map(({ id }) => id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'west-scenic-zone',
        'east-scenic-zone',
        'mao-dun-former-residence',
        'zhaoming-academy',
        'wuzhen-grand-theatre',
        'convention-center',
        'internet-hospital',
        'tongan-inn',
        'zhenshui-resort-hotel',
        'fengyuan-restaurant',
      ]),
    );
  });

  it('marks every location whose coordinates nobody checked on the ground as approximate', async () => {
    const venues = await loadVenues();
    for (const venue of venues.filter(({ sample }) => !sample)) {
      expect(venue.location.precision, venue.id).toBe('approximate');
    }
  });

  it('has exactly one current edition, and it is labelled as a sample', async () => {
    const current = currentEdition(await loadEditions());
    expect(current.sample).toBe(true);
    expect(current.name.en).toMatch(/sample/i);
  });
});

describe('bad content', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'content-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  const venue = (fields: Record<string, string>) =>
    Object.entries({
      id: 'tea-house',
      'name.en': 'Tea House',
      'name.zh': '茶馆',
      category: 'cafe',
      'intro.en': 'Tea by the canal.',
      'intro.zh': '河边喝茶。',
      'address.en': 'Wuzhen',
      'address.zh': '乌镇',
      lat: '30.7461',
      lon: '120.4956',
      lastVerified: '2026-11-01',
      ...fields,
    }).reduce(
      (yaml, [key, value]) => yaml.replace(`{${key}}`, value),
      [
        'id: {id}',
        'name: { en: "{name.en}", zh: "{name.zh}" }',
        'category: {category}',
        'intro: { en: "{intro.en}", zh: "{intro.zh}" }',
        'address: { en: "{address.en}", zh: "{address.zh}" }',
        'location: { lat: {lat}, lon: {lon}, precision: exact }',
        'lastVerified: {lastVerified}',
        'source: test',
      ].join('\n'),
    );

  it('accepts a well-formed venue', async () => {
    await writeFile(join(folder, 'tea-house.yaml'), venue({}));
    const [loaded] = await loadVenues(folder);
    expect(loaded).toMatchObject({ id: 'tea-house', payment: [], sample: false, lastVerified: '2026-11-01' });
  });

  it('names the file and every bad field', async () => {
    await writeFile(
      join(folder, 'tea-house.yaml'),
      venue({ lat: '91', category: 'spaceport', 'name.zh': '' }),
    );
    const error = await loadVenues(folder).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContentError);
    const message = (error as Error).message;
    expect(message).toContain('tea-house.yaml');
    expect(message).toMatch(/location\.lat: .*90/);
    expect(message).toMatch(/category: /);
    expect(message).toMatch(/name\.zh: /);
  });

  it('rejects opening hours the opening_hours evaluator cannot read', async () => {
    await writeFile(join(folder, 'tea-house.yaml'), `${venue({})}\nopeningHours: "Mo-Su 25:00-26:00"\n`);
    await expect(loadVenues(folder)).rejects.toThrow(
      /tea-house\.yaml[\s\S]*openingHours: not valid opening_hours syntax/,
    );
  });

  it('loads a venue imported from OpenStreetMap: toilets, its object, hours as mapped, Wi-Fi of unknown fee', async () => {
    const imported = [
      venue({ category: 'toilets', lastVerified: '2026-10-03' }).replace(
        'source: test',
        'source: "© OpenStreetMap contributors (ODbL 1.0)"',
      ),
      'osm: { type: way, id: 123456789012 }',
      'openingHoursText: "daylight hours; closed during the festival"',
      'wifi: { network: Wuzhen-Free }',
    ].join('\n');
    await writeFile(join(folder, 'tea-house.yaml'), imported);
    const [loaded] = await loadVenues(folder);
    expect(loaded).toMatchObject({
      category: 'toilets',
      osm: { type: 'way', id: 123456789012 },
      openingHoursText: 'daylight hours; closed during the festival',
      wifi: { network: 'Wuzhen-Free' },
    });
    expect(loaded?.wifi).not.toHaveProperty('free');
    expect(loaded).not.toHaveProperty('openingHours');
  });

  it.each([
    ['an OpenStreetMap object of no known type', 'osm: { type: area, id: 5 }', /osm\.type: /],
    ['an OpenStreetMap id that is not a positive integer', 'osm: { type: node, id: 0 }', /osm\.id: /],
    ['an OpenStreetMap object without its id', 'osm: { type: node }', /osm\.id: /],
    ['empty opening hours text', 'openingHoursText: "  "', /openingHoursText: /],
  ])('rejects %s', async (_, line, problem) => {
    await writeFile(join(folder, 'tea-house.yaml'), `${venue({})}\n${line}\n`);
    await expect(loadVenues(folder)).rejects.toThrow(problem);
  });

  it('rejects opening hours given both as evaluable hours and as mapped text', async () => {
    await writeFile(
      join(folder, 'tea-house.yaml'),
      `${venue({})}\nopeningHours: "Mo-Su 09:00-18:00"\nopeningHoursText: "ask at the desk"\n`,
    );
    await expect(loadVenues(folder)).rejects.toThrow(
      /tea-house\.yaml: openingHoursText: remove it once openingHours gives the hours/,
    );
  });

  it('rejects fields the schema does not know', async () => {
    await writeFile(join(folder, 'tea-house.yaml'), `${venue({})}\nstars: 5\n`);
    await expect(loadVenues(folder)).rejects.toThrow(/tea-house\.yaml[\s\S]*stars/);
  });

  it('rejects an id that differs from the file name', async () => {
    await writeFile(join(folder, 'tea-house.yaml'), venue({ id: 'teahouse' }));
    await expect(loadVenues(folder)).rejects.toThrow(
      /tea-house\.yaml: id: "teahouse" must match the file name/,
    );
  });

  it('rejects a file that is not YAML', async () => {
    await writeFile(join(folder, 'tea-house.yaml'), 'name: [unclosed');
    await expect(loadVenues(folder)).rejects.toThrow(/tea-house\.yaml: not valid YAML/);
  });

  const edition = (year: string, current: boolean) =>
    [
      `id: "${year}"`,
      'name: { en: WIC, zh: 世界互联网大会 }',
      `startDate: ${year}-11-18`,
      `endDate: ${year}-11-16`,
      'venue: { en: Wuzhen, zh: 乌镇 }',
      'summary: { en: A year., zh: 一年。 }',
      `current: ${current}`,
    ].join('\n');

  it('rejects an edition that ends before it starts', async () => {
    await writeFile(join(folder, '2030.yaml'), edition('2030', true));
    await expect(loadEditions(folder)).rejects.toThrow(
      /2030\.yaml[\s\S]*endDate: must not be before startDate/,
    );
  });

  it('requires exactly one current edition', async () => {
    await writeFile(join(folder, '2030.yaml'), edition('2030', false).replace('-11-16', '-11-20'));
    await expect(loadEditions(folder)).rejects.toThrow(/exactly one edition must be current \(found none\)/);
  });
});
