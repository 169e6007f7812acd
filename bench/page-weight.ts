/**
 * What each page template of the built site makes a reader download besides its HTML, gzipped
 * (node:zlib, level 9, each file on its own, as a server compresses it):
 * - JS: external scripts and every chunk they import statically, plus inline scripts (JSON-LD and
 *   other JSON data left out: browsers do not run them);
 * - lazy JS: chunks reached only through dynamic import(), fetched when the page asks for them;
 * - CSS: linked stylesheets plus inline <style>.
 * A chunk shared by several scripts counts once per page, as the browser fetches it once.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSite, isSiteBuildStale } from '../local/site-build.ts';
import { resolveModule, scriptImports } from '../site/offline/script-imports.ts';
import { bilingualPageTemplates, pageTemplates } from '../test/support/page-templates.ts';
import { tableLines } from './support/table.ts';

const client = join(import.meta.dirname, '../site/dist/client');
const goalBytes = 10 * 1024;

/** Every page template: one English page each, and the 404 page. */
const templates = [...pageTemplates, ...bilingualPageTemplates];

const gzipped = (text: string) => gzipSync(text, { level: 9 }).length;
const read = (urlPath: string) => readFile(join(client, decodeURIComponent(urlPath)), 'utf8');

/** The built file of a page, or undefined when that page has not been built (yet). */
function pageFile(path: string): { path: string; file: string } | undefined {
  const file = path.endsWith('/') ? `${path}index.html` : path;
  return existsSync(join(client, file)) ? { path, file } : undefined;
}

interface Chunk {
  staticImports: string[];
  dynamicImports: string[];
  bytes: number;
}

const chunks = new Map<string, Chunk>();

async function chunk(urlPath: string): Promise<Chunk> {
  let found = chunks.get(urlPath);
  if (!found) {
    const code = await read(urlPath);
    found = { ...scriptImports(code, urlPath), bytes: gzipped(code) };
    chunks.set(urlPath, found);
  }
  return found;
}

/** Adds the modules and everything they import statically to `loaded`; returns their dynamic imports. */
async function loadStatically(modules: string[], loaded: Set<string>): Promise<string[]> {
  const lazy: string[] = [];
  const queue = [...modules];
  for (let next = queue.shift(); next; next = queue.shift()) {
    if (loaded.has(next)) continue;
    loaded.add(next);
    const { staticImports, dynamicImports } = await chunk(next);
    queue.push(...staticImports);
    lazy.push(...dynamicImports);
  }
  return lazy;
}

const attribute = (tag: string, name: string) =>
  new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(1).find(Boolean);

async function weigh(pagePath: string, html: string) {
  const externalScripts: string[] = [];
  const inlineImports: string[] = [];
  let inlineBytes = 0;
  for (const [, tag = '', body = ''] of html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/gi)) {
    const type = attribute(tag, 'type') ?? '';
    if (/json/i.test(type)) continue;
    const src = attribute(tag, 'src');
    if (src) externalScripts.push(resolveModule(src, pagePath));
    else if (body.trim()) {
      inlineBytes += gzipped(body);
      inlineImports.push(...scriptImports(body, pagePath).staticImports);
    }
  }

  const loaded = new Set<string>();
  const lazyEntries = await loadStatically([...externalScripts, ...inlineImports], loaded);
  const lazy = new Set<string>();
  await loadStatically(
    lazyEntries.filter((entry) => !loaded.has(entry)),
    lazy,
  );
  for (const module of loaded) lazy.delete(module);
  const sum = async (modules: Set<string>) => {
    let total = 0;
    for (const module of modules) total += (await chunk(module)).bytes;
    return total;
  };

  let css = 0;
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const href = attribute(tag, 'href');
    if (href && /\bstylesheet\b/i.test(attribute(tag, 'rel') ?? ''))
      css += gzipped(await read(resolveModule(href, pagePath)));
  }
  for (const [, body = ''] of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) css += gzipped(body);

  return {
    js: inlineBytes + (await sum(loaded)),
    jsFiles: loaded.size,
    lazy: await sum(lazy),
    lazyFiles: lazy.size,
    css,
  };
}

if (!existsSync(client) || (await isSiteBuildStale())) {
  console.log('The built site is missing or stale: building it first…');
  await buildSite();
}

const rows: string[][] = [];
const skipped: string[] = [];
const jsOf = new Map<string, number>();
for (const template of templates) {
  const page = pageFile(template);
  if (!page) {
    skipped.push(template);
    continue;
  }
  const weight = await weigh(page.path, await read(page.file));
  jsOf.set(template, weight.js);
  rows.push([
    page.path,
    `${weight.js}`,
    `${weight.jsFiles}`,
    `${weight.lazy}`,
    `${weight.lazyFiles}`,
    `${weight.css}`,
  ]);
}

const header = ['page', 'JS gz B', 'files', 'lazy JS gz B', 'files', 'CSS gz B'];

console.log('page weight (site/dist/client, gzip level 9, bytes; lazy = dynamic import() only):');
for (const line of tableLines(header, rows)) console.log(line);
if (skipped.length) console.log(`not built yet, skipped: ${skipped.join(', ')}`);

const programJs = jsOf.get('/program/');
console.log(
  programJs === undefined
    ? `program page JS ≤ 10 KB gzipped: not built yet`
    : `program page JS ≤ 10 KB gzipped: ${programJs <= goalBytes ? 'yes' : 'no'} (${programJs} bytes; 10 KB = ${goalBytes} bytes)`,
);
