/**
 * The portal's service worker, written by hand: the build (site/offline/offline-shell.ts) puts
 * `VERSION` and `PRECACHE` in front of this file and writes it as /sw.js. Hand-written rather than
 * Workbox: it is a few kilobytes unminified, needs no build plugin, and the budget and the choice of
 * what is kept stay in one readable place (site/offline/precache-list.ts).
 *
 * Pages and the shell are served from the cache and refreshed in the background; the search index
 * is served from this version's copy. The API is never cached: offline, the guide filters the venue
 * data precached with the pages (/guide-venues.json, site/src/scripts/guide-offline.ts), which
 * judges "open now" at the moment asked, where a kept API answer would say what was open then.
 */
/* global VERSION, PRECACHE */

const pagesCache = `wuzhen-pages-${VERSION}`;

/** Fetches at a time while precaching: the page that installed the worker keeps connections for its own. */
const precacheConcurrency = 3;

/**
 * Every precached file or none, a few at a time: a failed one fails the install, as cache.addAll
 * would, and takes the files already fetched with it (the next attempt starts afresh).
 */
async function precache() {
  const cache = await caches.open(pagesCache);
  const pending = [...PRECACHE];
  const fetchNext = async () => {
    for (let url = pending.shift(); url !== undefined; url = pending.shift()) {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`precache ${url}: ${response.status}`);
      await cache.put(url, response);
    }
  };
  try {
    await Promise.all(Array.from({ length: precacheConcurrency }, fetchNext));
  } catch (error) {
    await caches.delete(pagesCache);
    throw error;
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith('wuzhen-') && name !== pagesCache)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// A new version waits until the page's reader accepts the reload it offers (site/src/scripts/offline-shell.ts).
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

/**
 * The `/_astro/` files a page names: its scripts and stylesheets, hashed by the build that wrote it
 * (the pattern precache-list.ts reads pages with; this plain script cannot import it).
 */
const assetsOf = (html) => [...html.matchAll(/(?:src|href)="(\/_astro\/[^"]+)"/g)].map(([, url]) => url);

/**
 * A page from the network may come from a newer build than this worker's, naming scripts and
 * stylesheets this cache lacks: kept, it would open offline without them. It is kept only when
 * everything it names is here; otherwise the next worker, with its own cache, brings it.
 */
async function keepIfWhole(cache, key, response) {
  if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return cache.put(key, response);
  const html = await response.clone().text();
  const present = await Promise.all(assetsOf(html).map((url) => cache.match(url)));
  if (present.every(Boolean)) await cache.put(key, response);
}

/** The cached answer at once when there is one; a fresh copy replaces it for the next visit. */
async function cacheFirst(event, key) {
  const cache = await caches.open(pagesCache);
  const cached = await cache.match(key);
  const refresh = fetch(event.request).then(async (response) => {
    if (response.ok && response.type === 'basic') await keepIfWhole(cache, key, response.clone());
    return response;
  });
  if (cached) {
    event.waitUntil(refresh.catch(() => undefined));
    return cached;
  }
  return refresh;
}

/**
 * This version's copy. No background refresh and nothing kept from the network: the search index's
 * files name each other (the entry names the index chunks by hash), and all of this build's are
 * precached, so a file not here belongs to another build.
 */
async function fromThisBuild(key) {
  const cache = await caches.open(pagesCache);
  return (await cache.match(key)) ?? fetch(key);
}

const precached = new Set(PRECACHE);

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) return;
  // Pagefind asks for its entry with a fresh `?ts=` each time: the file is the same.
  if (url.pathname.startsWith('/pagefind/')) {
    event.respondWith(fromThisBuild(url.pathname));
    return;
  }
  // A page's query (a filter, a landmark) is read by its script: the page itself is the same.
  if (request.mode === 'navigate' && precached.has(url.pathname)) {
    event.respondWith(cacheFirst(event, url.pathname));
    return;
  }
  // Hashed scripts and stylesheets never change under one name, so any seen online is kept too.
  if (precached.has(url.pathname) || url.pathname.startsWith('/_astro/')) {
    event.respondWith(cacheFirst(event, url.pathname));
  }
});
