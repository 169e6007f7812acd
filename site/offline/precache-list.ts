/**
 * Which built files the service worker keeps for offline use (site/offline/service-worker.js): the
 * pages a guest needs at the venue without a signal, in both languages, and the app shell they load.
 * Pure, so a unit test checks the choice without a build.
 */
import { scriptImports } from './script-imports.ts';

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
  // A printed card's QR code opens /q/<id>/, which sends the reader on to the venue page above.
  '/q/*/',
  '/search/',
  '/organizer/checkin/',
];

/** The shell every page loads, besides the hashed scripts and stylesheets the pages name. */
const shellFiles = [
  '/tracks.css',
  '/noscript.css',
  '/favicon.svg',
  '/manifest.webmanifest',
  '/zh/manifest.webmanifest',
  '/icon-192.png',
  '/icon-512.png',
  '/icon-maskable-512.png',
  // The guide's venues and opening schedules, which its page filters itself offline (scripts/guide-offline.ts).
  '/guide-venues.json',
];

/**
 * The site search's files (site/search-index.ts): Pagefind's code and both indexes, all of them, so
 * any word found online is found offline too and the index always matches the worker's version
 * (a chunk fetched later could belong to a newer build). They fit: about 0.16 MB of code shared by
 * both languages and 0.2 MB (en) or 0.3 MB (zh) of index.
 */
const searchIndexFolder = '/pagefind/';

/**
 * Pages, scripts, stylesheets and the search index may take this many bytes on disk per language (the
 * shell counts in both): about 2.6 MB now, 1.1 MB of it downloaded once compressed (docs/offline.md).
 */
export const precacheBudgetBytes = 3 * 1024 * 1024;

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
  /** The same URLs by whom they serve: one language's pages and search index, or both (the shell). */
  urlsOf: { en: string[]; zh: string[]; shell: string[] };
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

/** The assets the pages load, with every chunk their scripts import in turn. */
function shellOf(pages: BuiltFile[], byPath: Map<string, BuiltFile>): Set<string> {
  const shell = new Set(shellFiles.filter((path) => byPath.has(path)));
  const pending = pages.flatMap((page) => assetsOf(page.text ?? ''));
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    const file = byPath.get(path);
    if (!file || shell.has(path)) continue;
    shell.add(path);
    // Static imports only: a script cannot run without them; dynamic ones (the guide's map
    // library) load when online.
    if (path.endsWith('.js')) pending.push(...scriptImports(file.text ?? '', path).staticImports);
  }
  return shell;
}

/**
 * The language of a search index file, from Pagefind's names (`en_1a2b.pf_index`,
 * `pagefind.zh-hans_3c4d.pf_meta`); undefined for the code both languages share.
 */
function searchIndexLanguage(path: string): 'en' | 'zh' | undefined {
  const name = (path.split('/').at(-1) ?? '').replace(/^pagefind\./, '');
  if (/^en_/.test(name)) return 'en';
  if (/^zh(?:-[a-z]+)?_/.test(name)) return 'zh';
  return undefined;
}

export function precacheList(files: BuiltFile[]): PrecacheList {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const pages = files
    .filter((file) => file.path.endsWith('/index.html'))
    .map((file) => ({ ...file, url: file.path.slice(0, -'index.html'.length) }))
    .filter((page) => isOfflinePage(page.url));
  const search = files.filter((file) => file.path.startsWith(searchIndexFolder));
  const shell = shellOf(pages, byPath);
  for (const file of search) if (!searchIndexLanguage(file.path)) shell.add(file.path);
  const shellBytes = [...shell].reduce((sum, path) => sum + (byPath.get(path)?.bytes ?? 0), 0);
  const languageFiles = (language: 'en' | 'zh') => [
    ...pages.filter((page) => page.url.startsWith('/zh/') === (language === 'zh')),
    ...search
      .filter((file) => searchIndexLanguage(file.path) === language)
      .map((file) => ({ ...file, url: file.path })),
  ];
  const en = languageFiles('en');
  const zh = languageFiles('zh');
  const urlsOf = (of: { url: string }[]) => of.map(({ url }) => url).sort();
  const bytesOf = (of: { bytes: number }[]) => of.reduce((sum, { bytes }) => sum + bytes, 0);
  return {
    urls: [...urlsOf(en), ...urlsOf(zh), ...shell].sort(),
    urlsOf: { en: urlsOf(en), zh: urlsOf(zh), shell: [...shell].sort() },
    bytesPerLanguage: { en: bytesOf(en) + shellBytes, zh: bytesOf(zh) + shellBytes },
    shellBytes,
  };
}
