import { readdir, readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../functions/routes.ts';

const projectRoot = join(import.meta.dirname, '../..');
/** The site as the e2e set-up built it (test/support/site-build-global-setup.ts). */
const client = join(projectRoot, 'site/dist/client');
/** The origin the build wrote into canonical and alternate links (site/astro.config.ts). */
const origin = new URL(process.env.SITE_ORIGIN ?? 'http://127.0.0.1:4321').origin;

interface Tag {
  name: string;
  attributes: Map<string, string>;
}

interface Link {
  /** The page the link is on, as the browser sees it: "/", "/zh/guide/", "/404". */
  page: string;
  /** Element and attribute, as in "a href". */
  source: string;
  value: string;
  /** The HTTP method following the link uses: GET, or a form's method. */
  method: string;
}

/** The attributes that load or lead to another document, by element. */
const linkAttributes: Record<string, readonly string[]> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  script: ['src'],
  img: ['src', 'srcset'],
  source: ['src', 'srcset'],
  iframe: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  form: ['action'],
  button: ['formaction'],
  input: ['formaction', 'src'],
};

const namedCharacters: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

function decodeCharacters(value: string): string {
  return value.replace(/&(?:#(\d+)|#x([\da-f]+)|(\w+));/gi, (entity, decimal, hex, name) => {
    if (decimal) return String.fromCodePoint(Number(decimal));
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    return namedCharacters[name.toLowerCase()] ?? entity;
  });
}

/**
 * The start tags of a page, with their attributes. A tokenizer just big enough for what Astro
 * writes: it skips comments and the text of script, style and textarea elements (which may hold "<").
 */
function startTags(html: string): Tag[] {
  const tags: Tag[] = [];
  const token =
    /<!--[\s\S]*?-->|<([a-zA-Z][\w-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
  const attribute = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (let match = token.exec(html); match; match = token.exec(html)) {
    const [, rawName, rawAttributes = ''] = match;
    if (!rawName) continue;
    const name = rawName.toLowerCase();
    const attributes = new Map<string, string>();
    for (const [, key = '', double, single, bare] of rawAttributes.matchAll(attribute)) {
      const lowerKey = key.toLowerCase();
      if (!attributes.has(lowerKey))
        attributes.set(lowerKey, decodeCharacters(double ?? single ?? bare ?? ''));
    }
    tags.push({ name, attributes });
    if (['script', 'style', 'textarea', 'title'].includes(name)) {
      const end = html.toLowerCase().indexOf(`</${name}`, token.lastIndex);
      token.lastIndex = end === -1 ? html.length : end;
    }
  }
  return tags;
}

/** The URLs a srcset lists: "a.png 1x, b.png 2x". */
function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

function pagePath(file: string): string {
  const path = `/${file.split(sep).join('/')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path.slice(0, -'.html'.length);
}

/** The built file a path on the site is served from, or undefined when the build wrote none. */
function builtFile(pathname: string, files: ReadonlySet<string>): string | undefined {
  const path = decodeURIComponent(pathname).replace(/^\//, '');
  const candidates =
    path === '' || path.endsWith('/') ? [`${path}index.html`] : [path, `${path}.html`, `${path}/index.html`];
  return candidates.find((candidate) => files.has(candidate));
}

/** API Gateway's `{name}` is one path segment. */
const apiPatterns = apiRoutes.map((route) => ({
  method: route.method,
  pattern: new RegExp(`^${route.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

let pages: string[] = [];
let links: Link[] = [];
let externalLinks: string[] = [];
/** Each built page's element ids (and the names of its a elements), by built file. */
const anchors = new Map<string, Set<string>>();
let files = new Set<string>();

beforeAll(async () => {
  const found = (await readdir(client, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(client.length + 1)
        .split(sep)
        .join('/'),
    );
  files = new Set(found);
  pages = found.filter((file) => file.endsWith('.html')).sort();
  links = [];
  externalLinks = [];
  for (const file of pages) {
    const tags = startTags(await readFile(join(client, file), 'utf8'));
    const ids = new Set<string>();
    for (const tag of tags) {
      const id = tag.attributes.get('id');
      if (id !== undefined) ids.add(id);
      const name = tag.attributes.get('name');
      if (tag.name === 'a' && name !== undefined) ids.add(name);
      for (const key of linkAttributes[tag.name] ?? []) {
        const value = tag.attributes.get(key);
        if (value === undefined) continue;
        const method = tag.name === 'form' ? (tag.attributes.get('method') ?? 'get').toUpperCase() : 'GET';
        for (const url of key === 'srcset' ? srcsetUrls(value) : [value.trim()]) {
          links.push({ page: pagePath(file), source: `${tag.name} ${key}`, value: url, method });
        }
      }
    }
    anchors.set(file, ids);
  }
});

/** What is wrong with a link, or undefined when it leads somewhere that exists. */
function brokenBecause(link: Link): string | undefined {
  const url = new URL(link.value, new URL(link.page, origin));
  if (url.protocol === 'mailto:' || url.protocol === 'tel:') return undefined;
  if (url.origin !== origin) {
    if (url.protocol === 'http:' || url.protocol === 'https:') externalLinks.push(url.href);
    else return `unexpected scheme ${url.protocol}`;
    return undefined;
  }
  if (url.pathname.startsWith('/api/')) {
    const served = apiPatterns.some(
      (route) => route.method === link.method && route.pattern.test(url.pathname),
    );
    return served ? undefined : `no ${link.method} route in functions/routes.ts`;
  }
  const file = builtFile(url.pathname, files);
  if (!file) return 'no such file in the build';
  const fragment = decodeURIComponent(url.hash.slice(1));
  // An empty fragment and "top" both scroll to the top of the page (HTML, "scroll to the fragment").
  if (fragment === '' || fragment.toLowerCase() === 'top') return undefined;
  const ids = anchors.get(file);
  if (!ids) return `#${fragment} on a file that is no HTML page`;
  return ids.has(fragment) ? undefined : `no element with id "${fragment}" in ${file}`;
}

describe('links inside the built site', () => {
  it('reads every page', () => {
    expect(pages).toContain('index.html');
    expect(pages).toContain('zh/index.html');
    expect(pages.length).toBeGreaterThan(100);
    expect(links.length).toBeGreaterThan(pages.length);
  });

  it('leads to files the build wrote, to ids on the pages, and to routes the API serves', () => {
    const broken = links.flatMap((link) => {
      const because = brokenBecause(link);
      return because ? [`${link.page} → ${link.value} (${link.source}): ${because}`] : [];
    });
    const external = new Set(externalLinks);
    console.info(
      `${pages.length} pages, ${links.length} links; ${externalLinks.length} to other origins (${external.size} distinct)`,
    );
    expect([...new Set(broken)]).toEqual([]);
  });
});
