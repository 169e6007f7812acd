/**
 * Which built files the service worker keeps for offline use (site/offline/service-worker.js): the
 * pages a guest needs at the venue without a signal, in both languages, and the app shell they load.
 * Pure, so a unit test checks the choice without a build.
 */

/** Pages, as paths without the language prefix: a trailing `*` stands for one path segment. */
const offlinePages = [
  '/',
  '/program/',
  '/program/*/',
  '/speakers/',
  '/speakers/*/',
  '/my-agenda/',
  '/town/',
  '/guide/',
  '/v/*/',
  '/organizer/checkin/',
];

/** The shell every page loads, besides the hashed scripts and stylesheets the pages name. */
const shellFiles = [
  '/tracks.css',
  '/noscript.css',
  '/favicon.svg',
  '/manifest.webmanifest',
  '/icon-192.png',
  '/icon-512.png',
  '/404.html',
  // The guide's venues and opening schedules, which its page filters itself offline (scripts/guide-offline.ts).
  '/guide-venues.json',
];

/** Pages, scripts and stylesheets may take this many bytes per language (the shell counts in both). */
export const precacheBudgetBytes = 2.5 * 1024 * 1024;

export interface BuiltFile {
  /** The file's URL path, e.g. `/zh/program/index.html` or `/_astro/program.Bx1.js`. */
  path: string;
  bytes: number;
  /** The text of a page or a script, to find the scripts and stylesheets it loads. */
  text?: string;
}

export interface PrecacheList {
  /** URLs the worker fetches at install: pages as their directory URL (`/program/`). */
  urls: string[];
  /** Bytes of the pages in each language plus the shell both load. */
  bytesPerLanguage: { en: number; zh: number };
  shellBytes: number;
}

function isOfflinePage(url: string): boolean {
  const path = url.startsWith('/zh/') ? url.slice(3) : url;
  return offlinePages.some((pattern) => {
    const expression = new RegExp(`^${pattern.replaceAll('*', '[^/]+')}$`);
    return expression.test(path);
  });
}

/** Same-origin `/_astro/…` files a page loads through `src` or `href`. */
function assetsOf(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/_astro\/[^"]+)"/g)].flatMap(([, url]) => (url ? [url] : []));
}

/**
 * The chunks a script imports statically (`from"./x.js"`, `import"./x.js"`), which it cannot run
 * without; dynamic imports (the guide's map library) are left to load when online.
 */
function importsOf(script: string): string[] {
  return [...script.matchAll(/(?:from|import)\s*"\.\/([^"]+)"/g)].flatMap(([, name]) =>
    name ? [`/_astro/${name}`] : [],
  );
}

/** The assets the pages load, with every chunk their scripts import in turn. */
function shellOf(pages: BuiltFile[], byPath: Map<string, BuiltFile>): Set<string> {
  const shell = new Set(shellFiles.filter((path) => byPath.has(path)));
  const pending = pages.flatMap((page) => assetsOf(page.text ?? ''));
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    const file = byPath.get(path);
    if (!file || shell.has(path)) continue;
    shell.add(path);
    if (path.endsWith('.js')) pending.push(...importsOf(file.text ?? ''));
  }
  return shell;
}

export function precacheList(files: BuiltFile[]): PrecacheList {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const pages = files
    .filter((file) => file.path.endsWith('/index.html'))
    .map((file) => ({ ...file, url: file.path.slice(0, -'index.html'.length) }))
    .filter((page) => isOfflinePage(page.url));
  const shell = shellOf(pages, byPath);
  const bytesOf = (path: string) => byPath.get(path)?.bytes ?? 0;
  const shellBytes = [...shell].reduce((sum, path) => sum + bytesOf(path), 0);
  const pageBytes = (zh: boolean) =>
    pages.filter((page) => page.url.startsWith('/zh/') === zh).reduce((sum, page) => sum + page.bytes, 0);
  return {
    urls: [...pages.map((page) => page.url), ...shell].sort(),
    bytesPerLanguage: { en: pageBytes(false) + shellBytes, zh: pageBytes(true) + shellBytes },
    shellBytes,
  };
}
