/**
 * test/support/page-templates.ts is written by hand; this keeps it whole. Every HTML page of the built
 * site comes from a route file in site/src/pages (its template), and every template that builds a
 * page has exactly one example address in the list, which is itself a built page of that template.
 */
import { readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { localizedPageTemplates } from '../support/page-templates.ts';

const projectRoot = join(import.meta.dirname, '../..');
const pagesFolder = 'site/src/pages';
/** The site as the e2e set-up built it (test/support/site-build-global-setup.ts). */
const client = join(projectRoot, 'site/dist/client');
const listFile = 'test/support/page-templates.ts';

/** Page files become HTML pages; any other file in site/src/pages is an endpoint named by its path. */
const pageExtension = /\.(?:astro|md|mdx|html)$/;
const endpointExtension = /\.(?:ts|js)$/;

interface Route {
  /** The route file, from the project's root. */
  file: string;
  /** The built files it makes, by their path from site/dist/client ("/program/x/index.html"). */
  builds: RegExp;
  /** How many parameters it takes: among routes that match one file, the fewest wins, as in Astro. */
  parameters: number;
}

const literally = (text: string) => text.replace(/[.*+?^${}()|\\]/g, '\\$&');

/** The built files of a route file, as astro build names them (build.format 'directory'). */
function routeOf(relativePath: string): Route {
  let path = `/${relativePath}`;
  if (pageExtension.test(path)) {
    path = path.replace(pageExtension, '');
    // The 404 page is the one page Astro writes as 404.html, whatever the format.
    path = path === '/404' ? '/404.html' : `${path.replace(/\/index$/, '')}/index.html`;
  } else {
    path = path.replace(endpointExtension, '');
  }
  const parts = path.split(/(\[\.\.\.\w+\]|\[\w+\])/);
  const pattern = parts
    .map((part) => (part.startsWith('[...') ? '.*' : part.startsWith('[') ? '[^/]+' : literally(part)))
    .join('');
  return {
    file: `${pagesFolder}/${relativePath}`,
    builds: new RegExp(`^${pattern}$`),
    parameters: parts.filter((part) => part.startsWith('[')).length,
  };
}

/** The built file an address serves: "/town/" is /town/index.html. */
const builtFileOf = (address: string) => (address.endsWith('/') ? `${address}index.html` : address);

let routes: Route[] = [];
let builtPages: string[] = [];

/** The route file a built file comes from, or undefined when none makes it. */
const templateOf = (builtFile: string) =>
  routes.filter((route) => route.builds.test(builtFile)).sort((a, b) => a.parameters - b.parameters)[0]?.file;

beforeAll(async () => {
  const files = (await readdir(join(projectRoot, pagesFolder), { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(join(projectRoot, pagesFolder).length + 1))
    .map((path) => path.split(sep).join('/'))
    .filter((path) => pageExtension.test(path) || endpointExtension.test(path));
  routes = files.map(routeOf);
  builtPages = (await readdir(client, { recursive: true }))
    .map((path) => `/${path.split(sep).join('/')}`)
    .filter((path) => path.endsWith('.html'));
});

describe(`the page templates listed in ${listFile}`, () => {
  it('reads a built site and its route files', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(builtPages).toContain('/index.html');
  });

  it('every built page comes from a route file in site/src/pages', () => {
    expect(builtPages.filter((page) => templateOf(page) === undefined)).toEqual([]);
  });

  it('every listed address is a built page', () => {
    const notBuilt = localizedPageTemplates.filter((address) => !builtPages.includes(builtFileOf(address)));
    expect(notBuilt, `addresses in ${listFile} that the build has no page for`).toEqual([]);
  });

  it('every page template of the built site has exactly one example address in the list', () => {
    const examples = new Map<string, string[]>();
    for (const address of localizedPageTemplates) {
      const template = templateOf(builtFileOf(address)) ?? address;
      examples.set(template, [...(examples.get(template) ?? []), address]);
    }
    const pagesOf = new Map<string, string[]>();
    for (const page of builtPages) {
      const template = templateOf(page);
      if (template) pagesOf.set(template, [...(pagesOf.get(template) ?? []), page]);
    }
    const missing = [...pagesOf]
      .filter(([template]) => !examples.has(template))
      .map(
        ([template, pages]) =>
          `${template} (builds ${pages.length} page(s), such as ${pages[0]}) has no example`,
      );
    expect(missing, 'page templates the CSP, accessibility and page-weight checks would not reach').toEqual(
      [],
    );
    const repeated = [...examples]
      .filter(([, addresses]) => addresses.length > 1)
      .map(([template, addresses]) => `${template}: ${addresses.join(', ')}`);
    expect(repeated, 'templates with more than one example (one is enough)').toEqual([]);
  });
});
