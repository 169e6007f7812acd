import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../local/site-build.ts';

const origin = 'https://wuzhen.example';
/** Personal and staff-only pages, the QR cards' language choice and the error page: none belongs in a sitemap. */
const excluded = /^\/(?:(?:zh\/)?(?:registration|organizer|affairs|help\/request)\/|q\/|404$)/;

let outDir: string;
let client: string;
/** Built page paths, as the browser sees them: "/", "/zh/guide/", "/404". */
let builtPages: string[];
/** Each sitemap entry's path and its alternates' paths by hreflang. */
let entries: Map<string, Record<string, string>>;

async function htmlFiles(folder: string): Promise<string[]> {
  const found = await readdir(folder, { recursive: true });
  return found.filter((file) => file.endsWith('.html'));
}

function pagePath(file: string): string {
  const path = `/${file.split(sep).join('/')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path.slice(0, -'.html'.length);
}

function sitemapEntries(xml: string): Map<string, Record<string, string>> {
  const found = new Map<string, Record<string, string>>();
  for (const [, body = ''] of xml.matchAll(/<url>(.*?)<\/url>/gs)) {
    const loc = /<loc>(.*?)<\/loc>/.exec(body)?.[1] ?? '';
    const alternates: Record<string, string> = {};
    for (const [, lang = '', href = ''] of body.matchAll(
      /<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/>/g,
    )) {
      alternates[lang] = new URL(href).pathname;
    }
    expect(loc.startsWith(`${origin}/`), loc).toBe(true);
    found.set(new URL(loc).pathname, alternates);
  }
  return found;
}

beforeAll(async () => {
  // A build of its own, so it never races the portal's build in site/dist; inside the project (in
  // the ignored .data folder), because the build resolves its packages from there.
  const data = join(import.meta.dirname, '../../.data');
  await mkdir(data, { recursive: true });
  outDir = await mkdtemp(join(data, 'sitemap-build-'));
  await buildSite({ outDir, origin });
  client = join(outDir, 'client');
  builtPages = (await htmlFiles(client)).map(pagePath);
  const index = await readFile(join(client, 'sitemap-index.xml'), 'utf8');
  const sitemaps = [...index.matchAll(/<loc>(.*?)<\/loc>/g)].map(([, loc = '']) => new URL(loc).pathname);
  expect(sitemaps.length).toBeGreaterThan(0);
  entries = new Map();
  for (const sitemap of sitemaps) {
    for (const [path, alternates] of sitemapEntries(await readFile(join(client, sitemap), 'utf8'))) {
      entries.set(path, alternates);
    }
  }
});

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('the sitemap', () => {
  it('lists every public page, in English and in Chinese', () => {
    const publicPages = builtPages.filter((path) => !excluded.test(path));
    expect(publicPages).toContain('/');
    expect(publicPages).toContain('/zh/');
    for (const path of publicPages) expect(entries.has(path), path).toBe(true);
    expect([...entries.keys()].sort()).toEqual(publicPages.sort());
  });

  it('gives each page its twin in the other language as an hreflang alternate', () => {
    for (const [path, alternates] of entries) {
      const english = path.replace(/^\/zh\//, '/');
      expect(alternates, path).toEqual({ en: english, 'zh-Hans': `/zh${english}` });
      expect(entries.has(english), english).toBe(true);
      expect(entries.has(`/zh${english}`), `/zh${english}`).toBe(true);
    }
  });

  it('leaves out personal and staff-only pages and the error page', () => {
    for (const path of [
      '/registration/',
      '/zh/registration/',
      '/organizer/',
      '/zh/organizer/',
      '/organizer/checkin/',
      '/zh/organizer/checkin/',
      '/help/request/',
      '/zh/help/request/',
      '/affairs/',
      '/zh/affairs/',
      '/404',
    ]) {
      expect(builtPages, `${path} is built`).toContain(path);
      expect(entries.has(path), path).toBe(false);
    }
  });

  it('is announced in robots.txt and in every page head', async () => {
    const robots = await readFile(join(client, 'robots.txt'), 'utf8');
    expect(robots).toContain(`Sitemap: ${origin}/sitemap-index.xml`);
    for (const path of ['/', '/zh/', '/guide/']) {
      const html = await readFile(join(client, path, 'index.html'), 'utf8');
      expect(html).toContain('<link rel="sitemap" href="/sitemap-index.xml">');
    }
  });
});
