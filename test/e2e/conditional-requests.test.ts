/**
 * Pages and the schedule exports, in both languages, carry ETag and Last-Modified, and a client
 * that asks again with If-None-Match or If-Modified-Since gets 304 Not Modified without the body
 * while the file is unchanged, and 200 with the body once it has changed. Calendar apps and the
 * offline pages refresh cheaply only if the server answers 304 (issue 16).
 */
import { mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteCacheControl } from '../../site/cache-control.ts';
import { isRunning, type RunningPortal, startPortal } from '../support/portal-process.ts';

/** The site as the e2e set-up built it (test/support/site-build-global-setup.ts). */
const client = join(import.meta.dirname, '../../site/dist/client');

const addresses = [
  ['/program/', 'program/index.html'],
  ['/zh/program/', 'zh/program/index.html'],
  ['/v/tongan-inn/', 'v/tongan-inn/index.html'],
  ['/zh/v/tongan-inn/', 'zh/v/tongan-inn/index.html'],
  ['/schedule.json', 'schedule.json'],
  ['/zh/schedule.json', 'zh/schedule.json'],
  ['/schedule.xml', 'schedule.xml'],
  ['/zh/schedule.xml', 'zh/schedule.xml'],
  ['/schedule.ics', 'schedule.ics'],
  ['/zh/schedule.ics', 'zh/schedule.ics'],
] as const;

let dataDirectory: string;
let portal: RunningPortal;

beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'conditional-data-'));
  portal = await startPortal({ DATA_DIR: dataDirectory });
});

afterAll(async () => {
  if (portal && isRunning(portal.databasePid)) await portal.stop();
  await rm(dataDirectory, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Headers;
  body: Buffer;
}

/**
 * GET as a browser or a calendar app with a cached copy asks, compressed as browsers accept. Not
 * fetch: it adds `Cache-Control: no-cache` to any request with a condition, which asks the server
 * to ignore the condition.
 */
const get = (path: string, headers: Record<string, string> = {}) =>
  new Promise<Answer>((resolve, reject) => {
    httpGet(
      new URL(path, portal.url),
      { headers: { 'accept-encoding': 'br, gzip', ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: new Headers(response.headers as Record<string, string>),
            body: Buffer.concat(chunks),
          }),
        );
      },
    ).on('error', reject);
  });

async function validators(path: string): Promise<{ etag: string; lastModified: string }> {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  expect(etag, `${path} ETag`).toBeTruthy();
  expect(Date.parse(lastModified ?? ''), `${path} Last-Modified`).not.toBeNaN();
  return { etag: etag ?? '', lastModified: lastModified ?? '' };
}

/** The two ways to ask again: by the ETag, and by the date. */
const conditionsOn = (etag: string, lastModified: string): Record<string, string>[] => [
  { 'if-none-match': etag },
  { 'if-modified-since': lastModified },
];

describe.each(addresses)('%s', (path, file) => {
  it('answers 304 with no body to If-None-Match and to If-Modified-Since while unchanged', async () => {
    const { etag, lastModified } = await validators(path);
    for (const condition of conditionsOn(etag, lastModified)) {
      const response = await get(path, condition);
      expect(response.status, JSON.stringify(condition)).toBe(304);
      expect(response.body.length).toBe(0);
      expect(response.headers.get('etag')).toBe(etag);
    }
  });

  it('answers 200 with the body once the file has changed', async () => {
    const { etag, lastModified } = await validators(path);
    const built = join(client, file);
    const { atime, mtime } = await stat(built);
    // A later modification time is what a rebuild gives the file; the content stays as other tests read it.
    await utimes(built, atime, new Date(mtime.getTime() + 3_600_000));
    try {
      for (const condition of conditionsOn(etag, lastModified)) {
        const response = await get(path, condition);
        expect(response.status, JSON.stringify(condition)).toBe(200);
        expect(response.body.length).toBeGreaterThan(0);
        expect(response.headers.get('etag')).not.toBe(etag);
      }
    } finally {
      await utimes(built, atime, mtime);
    }
  });
});

describe('Cache-Control', () => {
  it('asks browsers to revalidate pages, exports and /sw.js each time, and keeps hashed assets a year, as CloudFront does', async () => {
    for (const path of ['/program/', '/zh/schedule.ics', '/sw.js', '/pagefind/pagefind-entry.json']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe(siteCacheControl(path));
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
    }
    const program = (await get('/program/', { 'accept-encoding': 'identity' })).body.toString('utf8');
    const asset = /(?:src|href)="(\/_astro\/[^"]+)"/.exec(program)?.[1];
    if (!asset) throw new Error('the program page names no /_astro/ file');
    expect((await get(asset)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // Still answered 304 with the header: a revalidation costs no body.
    const { etag } = await validators('/sw.js');
    const revalidated = await get('/sw.js', { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('cache-control')).toBe('no-cache');
  });
});
