/**
 * An Astro integration that, after the build, writes the offline shell into the built site: /sw.js
 * (the hand-written worker with its precache list and version), the web app manifest's icons, and
 * offline-precache.json (the bytes per language, read by the bench and the tests). The build fails
 * when a language's pages and shell outgrow the budget.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import type { AstroIntegration } from 'astro';
import { type BuiltFile, precacheBudgetBytes, precacheList } from './precache-list.ts';

/** The sizes a home screen asks for (the manifests name them, site/src/lib/web-app-manifest.ts). */
const iconSizes = [192, 512];
const maskableIconSize = 512;

/**
 * The mark at 3/4 of its size on a full square of its own ground: a home screen may crop a maskable
 * icon to a circle of 80 % of its width, which the favicon's rounded square would overflow.
 */
function maskableSvg(favicon: string): string {
  const ground = /<rect[^>]*fill="([^"]+)"/.exec(favicon)?.[1];
  if (!ground) throw new Error('favicon.svg has no ground rectangle to pad the maskable icon with');
  const mark = favicon.replace('<svg ', '<svg x="4" y="4" width="24" height="24" ');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${ground}"/>${mark}</svg>`;
}

async function builtFiles(root: string): Promise<BuiltFile[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const file = join(entry.parentPath, entry.name);
        const path = `/${relative(root, file).split(sep).join('/')}`;
        const text = /\.(?:html|js)$/.test(path) ? await readFile(file, 'utf8') : undefined;
        return { path, bytes: (await stat(file)).size, ...(text !== undefined && { text }) };
      }),
  );
}

/**
 * The version changes with the worker's own code and any precached file, so a changed build installs
 * a new worker into a cache of its own.
 */
async function versionOf(root: string, urls: string[], worker: string): Promise<string> {
  const hash = createHash('sha256').update(worker);
  for (const url of urls) {
    const file = url.endsWith('/') ? `${url}index.html` : url;
    hash.update(url).update(await readFile(join(root, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

async function writeIcons(root: string): Promise<void> {
  const svg = await readFile(join(root, 'favicon.svg'));
  for (const size of iconSizes) {
    const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
    await writeFile(join(root, `icon-${size}.png`), png);
  }
  const maskable = new Resvg(maskableSvg(svg.toString('utf8')), {
    fitTo: { mode: 'width', value: maskableIconSize },
  });
  await writeFile(join(root, `icon-maskable-${maskableIconSize}.png`), maskable.render().asPng());
}

export function offlineShell(): AstroIntegration {
  return {
    name: 'wuzhen-offline-shell',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        await writeIcons(root);
        const list = precacheList(await builtFiles(root));
        for (const [language, bytes] of Object.entries(list.bytesPerLanguage)) {
          if (bytes > precacheBudgetBytes) {
            throw new Error(
              `The offline pages in ${language} take ${bytes} bytes, over the budget of ${precacheBudgetBytes}`,
            );
          }
        }
        const worker = await readFile(join(import.meta.dirname, 'service-worker.js'), 'utf8');
        const version = await versionOf(root, list.urls, worker);
        const header = `const VERSION = ${JSON.stringify(version)};\nconst PRECACHE = ${JSON.stringify(list.urls)};\n`;
        await writeFile(join(root, 'sw.js'), header + worker);
        const report = { version, files: list.urls.length, ...list, budgetBytes: precacheBudgetBytes };
        await writeFile(join(root, 'offline-precache.json'), `${JSON.stringify(report, null, 2)}\n`);
        logger.info(
          `sw.js ${version}: ${list.urls.length} files, en ${list.bytesPerLanguage.en} B, zh ${list.bytesPerLanguage.zh} B (budget ${precacheBudgetBytes} B each)`,
        );
      },
    },
  };
}
