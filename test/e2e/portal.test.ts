import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProgram } from '../../content/load.ts';
import { createDocumentClient } from '../../functions/store/dynamodb/client.ts';
import { isRunning, type RunningPortal, startPortal } from '../support/portal-process.ts';

let dataDirectory: string;
let portal: RunningPortal;

beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'portal-data-'));
  portal = await startPortal({ DATA_DIR: dataDirectory });
});

/** The answer's bytes as they travel (fetch would decode them), with its content-encoding. */
function rawGet(path: string, acceptEncoding?: string) {
  return new Promise<{ encoding: string | undefined; vary: string | undefined; body: Buffer }>(
    (resolve, reject) => {
      const headers = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
      get(new URL(path, portal.url), { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            encoding: response.headers['content-encoding'],
            vary: response.headers.vary,
            body: Buffer.concat(chunks),
          }),
        );
      }).on('error', reject);
    },
  );
}

afterAll(async () => {
  if (portal && isRunning(portal.databasePid)) await portal.stop();
  await rm(dataDirectory, { recursive: true, force: true });
});

describe('the portal as `npm start` runs it', () => {
  it('serves the home page in English and Chinese', async () => {
    for (const [path, lang, heading] of [
      ['/', 'en', 'World Internet Conference, Wuzhen'],
      ['/zh/', 'zh-Hans', '世界互联网大会 · 乌镇'],
    ] as const) {
      const response = await fetch(new URL(path, portal.url));
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(`<h1>${heading}</h1>`);
    }
  });

  it('answers /api/health with DynamoDB ok, and HEAD /api/health the same without a body', async () => {
    const response = await fetch(new URL('/api/health', portal.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', checks: { dynamodb: 'ok' } });
    const head = await fetch(new URL('/api/health', portal.url), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('cache-control')).toBe('no-store');
    expect(await head.text()).toBe('');
  });

  it('serves the OpenAPI document through the gateway, cacheable, the same as the committed one', async () => {
    const response = await fetch(new URL('/api/openapi.json', portal.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await response.json()).toEqual(JSON.parse(await readFile('docs/openapi.json', 'utf8')));
  });

  it('serves a seeded venue, a 404 page, and problem+json for unknown routes and methods', async () => {
    const venue = await fetch(new URL('/api/venues/internet-hospital', portal.url));
    expect(venue.status).toBe(200);
    expect((await venue.json()).name.zh).toBe('乌镇互联网医院');

    const missingPage = await fetch(new URL('/no-such-page/', portal.url));
    expect(missingPage.status).toBe(404);
    expect(await missingPage.text()).toContain('页面未找到');

    const unknown = await fetch(new URL('/api/nothing-here', portal.url));
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const wrongMethod = await fetch(new URL('/api/health', portal.url), { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD');
  });

  it('serves no page under a path a browser would read as another host', async () => {
    // Sent as written: fetch and new URL would read "//evil.example" as a host and never send it.
    const answer = (path: string) =>
      new Promise<{ status: number; location: string | undefined; body: string }>((resolve, reject) => {
        const { hostname, port } = new URL(portal.url);
        get({ hostname, port, path }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              location: response.headers.location,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        }).on('error', reject);
      });
    const organizer = await answer('/organizer/');
    expect(organizer.status).toBe(200);
    for (const path of [
      '//evil.example/..%2Forganizer/',
      '//evil.example/..%2forganizer/checkin/',
      '/%2F%2Fevil.example/..%2Forganizer/',
      '/\\evil.example/..%5Corganizer/',
      '/program/../organizer/',
    ]) {
      const { status, location, body } = await answer(path);
      expect(status, path).toBe(404);
      expect(location, path).toBeUndefined();
      expect(body, path).toContain('页面未找到');
      expect(body, path).not.toContain('id="sign-in"');
    }
  });

  it('serves the schedule exports conference apps and calendars read', async () => {
    const [session] = (await loadProgram()).sessions;
    for (const [path, contentType, start] of [
      ['/schedule.json', /^application\/json/, '{'],
      ['/schedule.xml', /^application\/xml/, '<?xml'],
      ['/schedule.ics', /^text\/calendar/, 'BEGIN:VCALENDAR'],
      ['/zh/schedule.json', /^application\/json/, '{'],
      [`/program/${session?.id}.ics`, /^text\/calendar/, 'BEGIN:VCALENDAR'],
    ] as const) {
      const response = await fetch(new URL(path, portal.url));
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(contentType);
      expect((await response.text()).startsWith(start), path).toBe(true);
    }
  });

  it('compresses pages, stylesheets and scripts as the browser asks, and not API answers, as CloudFront does', async () => {
    // Answers under 1 KB go as they are: compressing them would save next to nothing.
    const program = await (await fetch(new URL('/program/', portal.url))).text();
    const script = /<script type="module" src="(\/_astro\/ProgramPage[^"]+)"/.exec(program)?.[1];
    // Whichever bundled stylesheet comes first: Vite names its chunks after what they hold.
    const stylesheet = /<link rel="stylesheet" href="(\/_astro\/[^"]+\.css)"/.exec(program)?.[1];
    for (const path of ['/program/', '/zh/program/', stylesheet, script]) {
      if (!path) throw new Error('the program page names no stylesheet or script of its own');
      const plain = await rawGet(path);
      expect(plain.encoding, path).toBeUndefined();
      const brotli = await rawGet(path, 'gzip, deflate, br');
      expect(brotli.encoding, path).toBe('br');
      expect(brotli.vary).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(brotli.body).equals(plain.body), path).toBe(true);
      const gzip = await rawGet(path, 'gzip');
      expect(gzip.encoding, path).toBe('gzip');
      expect(gunzipSync(gzip.body).equals(plain.body), path).toBe(true);
      if (plain.body.length > 4000) expect(brotli.body.length, path).toBeLessThan(plain.body.length / 2);
    }
    // The API behaviour does not cache, and CloudFront compresses only what it may cache.
    expect((await rawGet('/api/venues?limit=5', 'gzip, br')).encoding).toBeUndefined();
  });

  it('answers 503 within about a second while DynamoDB Local is paused, and recovers', async () => {
    process.kill(portal.databasePid, 'SIGSTOP');
    try {
      const started = performance.now();
      const response = await fetch(new URL('/api/health', portal.url));
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(performance.now() - started).toBeLessThan(1500);
    } finally {
      process.kill(portal.databasePid, 'SIGCONT');
    }
    const recovered = await fetch(new URL('/api/health', portal.url));
    expect(recovered.status).toBe(200);
  });

  it('keeps seeded and written data across a restart and leaves no Java process behind', async () => {
    const client = createDocumentClient({ endpoint: portal.databaseEndpoint, region: 'us-east-1' });
    await client.send(
      new UpdateCommand({
        TableName: 'wuzhen-venues',
        Key: { pk: 'VENUE#tongan-inn', sk: 'PROFILE' },
        UpdateExpression: 'SET ratingCount = :count, ratingSum = :sum',
        ExpressionAttributeValues: { ':count': 2, ':sum': 9 },
      }),
    );
    client.destroy();

    const firstPid = portal.databasePid;
    expect(await portal.stop()).toBe(0);
    expect(isRunning(firstPid)).toBe(false);

    portal = await startPortal({ DATA_DIR: dataDirectory });
    const venue = await (await fetch(new URL('/api/venues/tongan-inn', portal.url))).json();
    expect(venue.rating).toEqual({ average: 4.5, count: 2 });
    expect(venue.name.en).toBe("Tong'an Inn");
  });
});

describe('without Java', () => {
  it('stops with a one-line message that says how to install it', () => {
    const run = spawnSync(process.execPath, ['local/server.ts'], {
      cwd: join(import.meta.dirname, '../..'),
      env: { ...process.env, PATH: '/nonexistent' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('apt-get install openjdk-17-jre-headless');
  });
});
