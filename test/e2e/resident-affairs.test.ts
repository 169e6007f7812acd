/**
 * Resident affairs' public side through the running portal (local gateway, DynamoDB Local, photos
 * under <DATA_DIR>/uploads): GeoReport v2 conformance of every endpoint against the JSON Schema
 * written from the spec, requests created form-encoded and as JSON found by each filter and by id,
 * a GPS-tagged JPEG shown back with no metadata at all, bad uploads refused naming the reason with
 * nothing stored, one follow token giving nothing of another request, and a public listing with no
 * personal data and a coarsened point.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coarsen } from '../../functions/domain/resident-affairs/public-location.ts';
import { signOrganizerToken } from '../../local/organizer-tokens.ts';
import { specSchema } from '../support/georeport-schema.ts';
import { waitForEml } from '../support/outbox-files.ts';
import { type RunningPortal, startPortal } from '../support/portal-process.ts';
import { fetchSolution } from '../support/proof-of-work.ts';

const fixtures = join(import.meta.dirname, '../fixtures/photos');
const gpsJpeg = await readFile(join(fixtures, 'gps-exif.jpg'));
/** A point in Wuzhen off the ~100 m grid's centres, as a phone gives it. */
const spot = { lat: 30.745218, long: 120.487136 };

let dataDirectory: string;
let portal: RunningPortal;

beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'portal-resident-affairs-'));
  portal = await startPortal({ DATA_DIR: dataDirectory });
});

afterAll(async () => {
  await portal?.stop();
  await rm(dataDirectory, { recursive: true, force: true });
});

const call = (path: string, init: RequestInit = {}) =>
  fetch(new URL(path, portal.url), { ...init, signal: AbortSignal.timeout(30_000) });

const open311 = (path: string) => call(`/api/open311/v2/${path}`);

async function upload(bytes: Uint8Array, type = 'image/jpeg') {
  return call('/api/resident-affairs/photos', {
    method: 'POST',
    headers: { 'content-type': type },
    body: Buffer.from(bytes),
  });
}

async function uploadId(bytes: Uint8Array = gpsJpeg) {
  const response = await upload(bytes);
  expect(response.status).toBe(201);
  return ((await response.json()) as { upload_id: string }).upload_id;
}

interface Created {
  service_request_id: string;
  follow_token: string;
  follow_url: string;
}

type Fields = Record<string, string | number | string[]>;

/** POST requests.json with a solved challenge, as JSON or form-encoded (lists as `name[]` repeated). */
async function post(fields: Fields, encoding: 'json' | 'form' = 'json') {
  const body = { ...fields, altcha: await fetchSolution(portal.url, 'resident-request') };
  if (encoding === 'json') {
    return call('/api/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) {
    if (Array.isArray(value)) for (const each of value) form.append(`${name}[]`, each);
    else form.append(name, String(value));
  }
  return call('/api/open311/v2/requests.json', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
}

async function create(fields: Fields = {}, encoding: 'json' | 'form' = 'json'): Promise<Created> {
  const response = await post(
    { service_code: 'rubbish', description: 'Bags torn open by the bridge.', ...spot, ...fields },
    encoding,
  );
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(201);
  expect(specSchema('created')(body)).toEqual([]);
  return (body as Created[])[0] as Created;
}

const follow = (token: string, path = '', method = 'GET') =>
  call(`/api/resident-affairs/follow${path}`, { method, headers: { authorization: `Bearer ${token}` } });

async function followed(token: string) {
  const response = await follow(token);
  expect(response.status).toBe(200);
  return (await response.json()) as {
    id: string;
    description: string;
    photos: { url: string }[];
  };
}

/** Every file under the photo store's folder for requests, relative. */
async function requestPhotoFiles(): Promise<string[]> {
  const folder = join(dataDirectory, 'uploads/requests');
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function listing() {
  const response = await open311('requests.json');
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>[];
}

describe('Open311 GeoReport v2 on the running portal', () => {
  it('answers every endpoint with the spec’s fields and types', async () => {
    const services = await (await open311('services.json')).json();
    expect(specSchema('serviceList')(services)).toEqual([]);
    const definition = await (await open311('services/blocked-vehicle.json')).json();
    expect(specSchema('serviceDefinition')(definition)).toEqual([]);

    const created = await create(
      { service_code: 'blocked-vehicle', 'attribute[blocking]': 'gate', 'attribute[plate]': 'ZJ-F 12345' },
      'form',
    );
    const one = await open311(`requests/${created.service_request_id}.json`);
    expect(one.status).toBe(200);
    expect(specSchema('serviceRequests')(await one.json())).toEqual([]);
    expect(specSchema('serviceRequests')(await listing())).toEqual([]);

    const token = await open311(`tokens/${created.service_request_id}.json`);
    expect(token.status).toBe(404);
    expect(token.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('finds a request made form-encoded and one made as JSON by ids, service, status, dates and id', async () => {
    const form = await create({ service_code: 'street-light-out', locale: 'zh' }, 'form');
    const json = await create({ service_code: 'canal-water' });
    const ids = [form.service_request_id, json.service_request_id];

    const byIds = (await (await open311(`requests.json?service_request_id=${ids.join(',')}`)).json()) as {
      service_request_id: string;
      requested_datetime: string;
    }[];
    expect(byIds.map((request) => request.service_request_id).sort()).toEqual([...ids].sort());

    const byService = (await (
      await open311('requests.json?service_code=street-light-out,canal-water&status=open')
    ).json()) as { service_request_id: string; service_code: string }[];
    expect(byService.map((request) => request.service_request_id)).toEqual(expect.arrayContaining(ids));
    expect(new Set(byService.map((request) => request.service_code))).toEqual(
      new Set(['street-light-out', 'canal-water']),
    );
    const closed = (await (await open311('requests.json?status=closed')).json()) as unknown[];
    expect(closed).toEqual([]);

    const at = Date.parse(byIds[0]?.requested_datetime ?? '');
    const window = (from: number, to: number) =>
      open311(
        `requests.json?start_date=${new Date(from).toISOString()}&end_date=${new Date(to).toISOString()}`,
      ).then((response) => response.json() as Promise<{ service_request_id: string }[]>);
    const around = await window(at - 60_000, at + 60_000);
    expect(around.map((request) => request.service_request_id)).toEqual(expect.arrayContaining(ids));
    expect(await window(at - 3 * 86_400_000, at - 2 * 86_400_000)).toEqual([]);

    for (const id of ids) {
      const [request] = (await (await open311(`requests/${id}.json?locale=zh`)).json()) as {
        service_request_id: string;
        status: string;
      }[];
      expect(request).toMatchObject({ service_request_id: id, status: 'open' });
    }
    expect(form.follow_url).toMatch(/\/zh\/help\/request\/#token=/);
    expect(json.follow_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/help\/request\/#token=/);
  });

  it('lists no description, contact, address in the requester’s words or photos, and a coarsened point', async () => {
    const created = await create({
      email: 'villager@example.org',
      phone: '+86 573 8888 1234',
      first_name: 'Mei',
      address_string: 'behind the Zhang family house',
      media_ids: [await uploadId()],
    });
    const [listed] = (await (await open311(`requests/${created.service_request_id}.json`)).json()) as Record<
      string,
      unknown
    >[];
    expect(listed).toMatchObject({ description: null, media_url: null, address: null, zipcode: null });
    expect(listed).not.toHaveProperty('address_string');
    expect(listed).not.toHaveProperty('email');
    const cell = coarsen({ lat: spot.lat, lon: spot.long });
    expect([listed?.lat, listed?.long]).toEqual([cell.lat, cell.lon]);
    expect([listed?.lat, listed?.long]).not.toEqual([spot.lat, spot.long]);
    const text = JSON.stringify(await listing());
    for (const secret of [
      'villager@example.org',
      '8888',
      'Mei',
      'Zhang',
      'Bags torn',
      created.follow_token,
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('photos through the API', () => {
  it('shows a GPS-tagged JPEG back through the follow view’s URL with no metadata at all', async () => {
    expect((await sharp(gpsJpeg).metadata()).exif).toBeDefined();
    const created = await create({ media_ids: [await uploadId()] });
    const view = await followed(created.follow_token);
    expect(view.photos).toHaveLength(1);
    const photo = await call(view.photos[0]?.url ?? '');
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(photo.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    const bytes = Buffer.from(await photo.arrayBuffer());
    const { exif, xmp, iptc, comments, width, height } = await sharp(bytes).metadata();
    expect({ exif, xmp, iptc, comments }).toEqual({
      exif: undefined,
      xmp: undefined,
      iptc: undefined,
      comments: undefined,
    });
    expect([width, height]).toEqual([96, 64]);
    for (const marker of ['Exif', 'GPS', 'http://ns.adobe.com/xap', 'Photoshop']) {
      expect(bytes.includes(marker), marker).toBe(false);
    }
    // Attached, the staged upload is gone.
    expect(await readdir(join(dataDirectory, 'uploads/staged')).catch(() => [])).toEqual([]);
  });

  it('refuses bad uploads and bad attachments naming the reason, and stores nothing of them', async () => {
    const before = { listed: await listing(), files: await requestPhotoFiles() };
    const staged = async () => readdir(join(dataDirectory, 'uploads/staged')).catch(() => []);
    const stagedBefore = await staged();
    const refusals: [string, Response, number, string][] = [
      ['not an image', await upload(Buffer.from('just some text, no photo')), 400, 'not-an-image'],
      [
        'renamed executable',
        await upload(await readFile(join(fixtures, 'renamed-executable.jpg'))),
        400,
        'not-an-image',
      ],
      ['zero bytes', await upload(new Uint8Array(0)), 400, 'empty'],
      ['truncated JPEG', await upload(await readFile(join(fixtures, 'truncated.jpg'))), 400, 'truncated'],
      ['30 MB', await upload(new Uint8Array(30 * 1024 * 1024)), 413, 'content-too-large'],
      ['another type', await upload(gpsJpeg, 'application/octet-stream'), 415, 'unsupported-media-type'],
    ];
    for (const [what, response, status, reason] of refusals) {
      expect(response.status, what).toBe(status);
      expect(response.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
      expect(await response.text(), what).toContain(reason);
    }
    expect(await staged()).toEqual(stagedBefore);

    const four = [await uploadId(), await uploadId(), await uploadId(), await uploadId()];
    const tooMany = await post({
      service_code: 'rubbish',
      description: 'Four photos.',
      ...spot,
      media_ids: four,
    });
    expect(tooMany.status).toBe(400);
    const tooManyProblem = (await tooMany.json()) as { errors: { path: string; message: string }[] };
    expect(tooManyProblem.errors).toEqual([
      { path: 'media_ids', message: expect.stringContaining('too-many-photos') },
    ]);
    const unknown = await post(
      {
        service_code: 'rubbish',
        description: 'A photo never sent.',
        ...spot,
        media_ids: [four[0] ?? '', 'f'.repeat(32)],
      },
      'form',
    );
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: { path: string }[] }).errors.map(({ path }) => path)).toEqual(
      ['media_ids'],
    );

    expect(await listing()).toEqual(before.listed);
    expect(await requestPhotoFiles()).toEqual(before.files);
  });
});

describe('the follow link', () => {
  it('gives its own request and nothing of another: view, photos, export, erasure', async () => {
    const mine = await create({ description: 'Mine: a fallen tree.', media_ids: [await uploadId()] });
    const theirs = await create({ description: 'Theirs: a broken lamp.', media_ids: [await uploadId()] });
    const myView = await followed(mine.follow_token);
    const theirView = await followed(theirs.follow_token);
    expect(myView).toMatchObject({ id: mine.service_request_id, description: 'Mine: a fallen tree.' });
    expect(JSON.stringify(myView)).not.toContain(theirs.service_request_id);
    expect(myView.photos[0]?.url).toContain(encodeURIComponent(`requests/${mine.service_request_id}/`));

    // My URL's signature on their photo's key shows nothing.
    const mineUrl = new URL(myView.photos[0]?.url ?? '', portal.url);
    const theirUrl = new URL(theirView.photos[0]?.url ?? '', portal.url);
    mineUrl.searchParams.set('key', theirUrl.searchParams.get('key') ?? '');
    expect((await call(`${mineUrl.pathname}${mineUrl.search}`)).status).toBe(404);

    const exported = await follow(mine.follow_token, '/export');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment/);
    const download = await exported.text();
    expect(download).toContain('Mine: a fallen tree.');
    expect(download).not.toContain(theirs.service_request_id);
    expect(download).not.toContain('Theirs');

    expect((await follow('not-a-token-anyone-was-given')).status).toBe(404);
    expect((await call('/api/resident-affairs/follow')).status).toBe(404);

    const erased = await follow(mine.follow_token, '', 'DELETE');
    expect(erased.status).toBe(200);
    expect((await follow(mine.follow_token)).status).toBe(410);
    expect((await follow(mine.follow_token, '/export')).status).toBe(410);
    expect((await follow(mine.follow_token, '', 'DELETE')).status).toBe(410);
    expect((await call(myView.photos[0]?.url ?? '')).status).toBe(404);
    // Theirs is untouched: its text, its photo.
    expect(await followed(theirs.follow_token)).toMatchObject({ description: 'Theirs: a broken lamp.' });
    expect((await call(theirView.photos[0]?.url ?? '')).status).toBe(200);
    // The erased request stays, anonymous, in the listing and the figures.
    const [kept] = (await (await open311(`requests/${mine.service_request_id}.json`)).json()) as {
      status: string;
    }[];
    expect(kept).toMatchObject({ status: 'open' });
    const figures = (await (await call('/api/resident-affairs/figures?locale=zh')).json()) as {
      total: number;
    };
    expect(figures.total).toBeGreaterThanOrEqual(2);
  });

  it('erases the e-mail a public note sent to the requester with the rest', async () => {
    const mine = await create({ description: 'A car blocks our gate.', email: 'mei.zhang@example.cn' });
    const staff = await signOrganizerToken(dataDirectory, 'resident-affairs');
    const noted = await call(`/api/admin/affairs/requests/${mine.service_request_id}/notes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        visibility: 'public',
        text: 'Traffic police are on their way.',
        expectedState: 'submitted',
      }),
    });
    expect(noted.status).toBe(200);
    expect(await waitForEml(dataDirectory, mine.service_request_id)).toContain('mei.zhang@example.cn');
    // Staff confirm the spot is a public street: the requester's timeline shows that step too
    // (the project's contract check reads this answer).
    const confirmed = await call(`/api/admin/affairs/requests/${mine.service_request_id}/location`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' },
      body: JSON.stringify({ precision: 'street', expectedState: 'submitted' }),
    });
    expect(confirmed.status).toBe(200);
    const view = (await (await follow(mine.follow_token)).json()) as { timeline: { kind: string }[] };
    expect(view.timeline.map(({ kind }) => kind)).toContain('location');

    expect((await follow(mine.follow_token, '', 'DELETE')).status).toBe(200);
    const copies = await readdir(join(dataDirectory, 'outbox'));
    for (const file of copies) {
      expect(await readFile(join(dataDirectory, 'outbox', file), 'utf8')).not.toContain(
        mine.service_request_id,
      );
    }
  });
});
