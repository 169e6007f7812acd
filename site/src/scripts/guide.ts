import type * as Leaflet from 'leaflet';
import leafletStylesheet from 'leaflet/dist/leaflet.css?url';
import { intlLocale, localizedPath } from '../i18n/locales.ts';
import { type AnswerBody, callApi, type Problem } from './api.ts';
import { byId, updateLanguageLinks } from './dom.ts';
import { filterOfSearch, type SavedVenue, savedVenues, searchSaved } from './guide-offline.ts';
import { pageText } from './page-text.ts';

/** A place as the API lists it, or as the page found it in the saved venues when offline. */
type Venue = AnswerBody<'GET /api/venues', 200>['items'][number] | SavedVenue;

const root = byId('guide');
const form = byId<HTMLFormElement>('guide-form');
const searchSection = byId('guide-search');
const directory = byId('guide-directory');
const status = byId('guide-status');
const results = byId<HTMLOListElement>('guide-results');
const moreButton = byId<HTMLButtonElement>('guide-more');
const nearSelect = byId<HTMLSelectElement>('guide-near');
const nearMeButton = byId<HTMLButtonElement>('guide-near-me');
const locationStatus = byId('guide-location-status');
const mapElement = byId('guide-map');
const mapNote = byId('guide-map-note');
const { t, locale } = pageText<'guide.' | 'api.'>(root);

/** The query parameters the page keeps in its address; all but `at` come from the form. */
const stateKeys = ['q', 'category', 'openNow', 'wifi', 'payment', 'near', 'radius', 'at'] as const;
const radii = ['300', '1000', '2000', '5000'];
const defaultRadius = '1000';
const pageSize = 20;
/** How long the map waits for its first tile before it says the tiles are not coming. */
const tileTimeoutMs = 8000;

/** The position "Near me" found, or one a shared address named that is no landmark. */
let ownPosition: string | undefined;
/** The search being shown: a newer one makes the answers of older ones stale. */
let searchNumber = 0;
/** The next page: the API's cursor, or where it starts in the saved venues; null after the last. */
let nextPage: string | number | null = null;
let shownCount = 0;

const meters = new Intl.NumberFormat(intlLocale[locale], {
  style: 'unit',
  unit: 'meter',
  maximumFractionDigits: 0,
});
const kilometers = new Intl.NumberFormat(intlLocale[locale], {
  style: 'unit',
  unit: 'kilometer',
  maximumFractionDigits: 1,
});
const distanceText = (value: number) =>
  value < 1000 ? meters.format(Math.round(value / 10) * 10) : kilometers.format(value / 1000);

const isLandmark = (value: string) =>
  [...nearSelect.options].some((option) => option.value === value && value !== 'me' && value !== '');

/** The search the address describes, keeping only what the API accepts. */
function stateFromUrl(): URLSearchParams {
  const url = new URLSearchParams(location.search);
  const state = new URLSearchParams();
  for (const key of stateKeys) {
    const value = url.get(key)?.trim();
    if (value) state.set(key, value);
  }
  if (state.has('radius') && !radii.includes(state.get('radius') ?? '')) state.set('radius', defaultRadius);
  if (!state.has('near')) state.delete('radius');
  return state;
}

/** Puts a search into the form, so the form always shows what the list shows. */
function fillForm(state: URLSearchParams): void {
  form.q.value = state.get('q') ?? '';
  const categories = (state.get('category') ?? '').split(',');
  for (const box of form.querySelectorAll<HTMLInputElement>('input[name="category"]')) {
    box.checked = categories.includes(box.value);
  }
  form.openNow.checked = state.get('openNow') === 'true';
  form.wifi.checked = state.get('wifi') === 'true';
  form.payment.value = state.get('payment') ?? '';
  if (form.payment.selectedIndex < 0) form.payment.value = '';
  const near = state.get('near') ?? '';
  if (near && !isLandmark(near)) ownPosition = near;
  nearSelect.value = near === '' ? '' : isLandmark(near) ? near : 'me';
  form.radius.value = state.get('radius') ?? defaultRadius;
  syncRadius();
}

/** A distance means something only near a point. */
function syncRadius(): void {
  form.radius.disabled = nearSelect.value === '';
}

/** The search the form describes, in the API's own parameters. */
function stateFromForm(): URLSearchParams {
  const data = new FormData(form);
  const state = new URLSearchParams();
  const q = String(data.get('q') ?? '').trim();
  if (q) state.set('q', q);
  const categories = data.getAll('category').map(String);
  if (categories.length > 0) state.set('category', categories.join(','));
  if (data.get('openNow')) state.set('openNow', 'true');
  if (data.get('wifi')) state.set('wifi', 'true');
  const payment = String(data.get('payment') ?? '');
  if (payment) state.set('payment', payment);
  const near = nearSelect.value === 'me' ? ownPosition : nearSelect.value;
  if (near) {
    state.set('near', near);
    state.set('radius', String(data.get('radius') ?? defaultRadius));
  }
  // A test or a shared link may fix the moment "open now" is judged at; the form keeps it.
  const at = new URLSearchParams(location.search).get('at');
  if (at && state.has('openNow')) state.set('at', at);
  return state;
}

function venueItem(venue: Venue, openNow: boolean): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'guide-result';
  if (venue.distanceMeters !== undefined) item.dataset.distance = String(venue.distanceMeters);

  const heading = document.createElement('h3');
  const link = document.createElement('a');
  link.href = localizedPath(locale, `/v/${venue.id}/`);
  link.textContent = venue.name[locale];
  heading.append(link);

  const facts = document.createElement('p');
  facts.className = 'guide-facts';
  const kind = document.createElement('span');
  kind.textContent = t(`guide.kind.${venue.category}`);
  facts.append(kind);
  if (venue.distanceMeters !== undefined) {
    const distance = document.createElement('span');
    distance.className = 'guide-distance';
    distance.textContent = t('guide.away', { distance: distanceText(venue.distanceMeters) });
    facts.append(distance);
  }
  // Only the filter says a place is open (the API's, or the same one over the saved schedules).
  if (openNow) {
    const open = document.createElement('span');
    open.className = 'open-mark';
    open.textContent = t('guide.openLabel');
    facts.append(open);
  }
  if (venue.sample) {
    const sample = document.createElement('span');
    sample.className = 'sample-mark';
    sample.textContent = t('guide.sample');
    facts.append(sample);
  }

  item.append(heading, facts);
  if (venue.address) {
    const address = document.createElement('p');
    address.className = 'small guide-address';
    address.textContent = venue.address[locale];
    item.append(address);
  }
  return item;
}

function countText(count: number, more: boolean): string {
  if (count === 0) return t('guide.none');
  if (more) return t('guide.countMore', { count });
  return count === 1 ? t('guide.countOne') : t('guide.count', { count });
}

function failureText(answer: { status: number; problem: Problem }): string {
  if (answer.status === 400) {
    const detail = answer.problem.errors?.map(({ message }) => message).join('; ') ?? '';
    return t('guide.invalid', { detail });
  }
  return answer.status === 503 || answer.status === 429 ? t('api.busy') : t('api.failed');
}

type Page =
  | { ok: true; items: Venue[]; next: string | number | null; saved: boolean }
  | { ok: false; text: string };

/**
 * One page of the search from the venues the build saved, from `offset`: what the page shows when
 * the API cannot be reached, found by the API's own filters.
 */
async function savedPage(state: URLSearchParams, offset: number): Promise<Page> {
  const data = await savedVenues();
  if (!data) return { ok: false, text: t('api.offline') };
  const choices = {
    categories: [...form.querySelectorAll<HTMLInputElement>('input[name="category"]')].map(
      ({ value }) => value,
    ),
    payments: [...form.payment.options].map(({ value }) => value).filter(Boolean),
  };
  const read = filterOfSearch(state, choices, { offset, limit: pageSize }, new Date());
  if ('invalid' in read) return { ok: false, text: t('guide.invalid', { detail: read.invalid }) };
  const { items, nextOffset } = await searchSaved(data, read.filter);
  return { ok: true, items, next: nextOffset, saved: true };
}

/**
 * One page of the search: from the API, or from the saved venues when the browser knows it is
 * offline or the API does not answer. Offline "open now" is then judged now, not when a cached
 * answer was given.
 */
async function fetchPage(state: URLSearchParams, cursor: string | number | undefined): Promise<Page> {
  // Every page continues the list shown, so it starts where the shown places end.
  const offset = cursor === undefined ? 0 : shownCount;
  if (typeof cursor === 'number' || !navigator.onLine) return savedPage(state, offset);
  const answer = await callApi('GET /api/venues', {
    query: { ...Object.fromEntries(state), limit: pageSize, cursor },
  });
  if (answer.ok) return { ok: true, items: answer.data.items, next: answer.data.nextCursor, saved: false };
  if (answer.status === 0) return savedPage(state, offset);
  return { ok: false, text: failureText(answer) };
}

/** Shows one page of the search; appends it when `cursor` continues the list shown. */
async function search(state: URLSearchParams, cursor?: string | number): Promise<void> {
  const number = ++searchNumber;
  moreButton.disabled = true;
  if (cursor === undefined) {
    searchSection.setAttribute('aria-busy', 'true');
    status.textContent = t('guide.loading');
  }
  const page = await fetchPage(state, cursor);
  if (number !== searchNumber) return;
  searchSection.removeAttribute('aria-busy');
  moreButton.disabled = false;
  if (!page.ok) {
    status.textContent = page.text;
    if (cursor === undefined) {
      results.replaceChildren();
      showOnMap([], false);
    }
    moreButton.hidden = true;
    return;
  }
  const openNow = state.get('openNow') === 'true';
  const items = page.items.map((venue) => venueItem(venue, openNow));
  nextPage = page.next;
  moreButton.hidden = nextPage === null;
  const savedNote = page.saved ? ` ${t('guide.savedResults')}` : '';
  if (cursor !== undefined) {
    results.append(...items);
    shownCount += items.length;
    status.textContent = t('guide.added', { count: items.length }) + savedNote;
    // The first new place takes the focus, so a keyboard reader continues where the list grew.
    items[0]?.querySelector('a')?.focus();
  } else {
    results.replaceChildren(...items);
    shownCount = items.length;
    status.textContent = countText(shownCount, nextPage !== null) + savedNote;
  }
  showOnMap(page.items, cursor !== undefined);
}

/** Shows the form's search: a new entry in the history unless the address already says it. */
function applyForm(): void {
  const state = stateFromForm();
  const query = state.size > 0 ? `?${state}` : '';
  if (query !== location.search) history.pushState(null, '', `${location.pathname}${query}`);
  updateLanguageLinks(query);
  void search(state);
}

function applyUrl(): void {
  const state = stateFromUrl();
  fillForm(state);
  updateLanguageLinks(location.search);
  void search(state);
}

function locate(): void {
  if (!('geolocation' in navigator)) {
    locationStatus.textContent = t('guide.locationUnsupported');
    return;
  }
  locationStatus.textContent = t('guide.locating');
  navigator.geolocation.getCurrentPosition(
    ({ coords }) => {
      ownPosition = `${coords.latitude.toFixed(4)},${coords.longitude.toFixed(4)}`;
      nearSelect.value = 'me';
      syncRadius();
      locationStatus.textContent = t('guide.located');
      applyForm();
    },
    (error) => {
      locationStatus.textContent =
        error.code === error.PERMISSION_DENIED ? t('guide.locationDenied') : t('guide.locationUnavailable');
      if (nearSelect.value === 'me' && !ownPosition) nearSelect.value = '';
      syncRadius();
    },
    { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
  );
}

// The map: an enhancement of the list, loaded only on this page and only once there is a list.

interface MapParts {
  map: Leaflet.Map;
  markers: Leaflet.LayerGroup;
  leaflet: typeof Leaflet;
}

let mapParts: Promise<MapParts | undefined> | undefined;

function showMapNote(message: string): void {
  mapNote.textContent = message;
  mapNote.hidden = false;
}

/**
 * Links a stylesheet once the map is wanted. Importing leaflet.css would make the build link it
 * from the page's head, where it blocks the first paint of a page whose map comes last (Lighthouse).
 */
function loadStylesheet(href: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.addEventListener('load', () => resolve());
    link.addEventListener('error', () => reject(new Error(`${href} did not load`)));
    document.head.append(link);
  });
}

async function loadMap(): Promise<MapParts | undefined> {
  try {
    const [leaflet] = await Promise.all([import('leaflet'), loadStylesheet(leafletStylesheet)]);
    const map = leaflet
      .map(mapElement, { scrollWheelZoom: false, zoomControl: false })
      .setView([30.7475, 120.4905], 14);
    leaflet.control.zoom({ zoomInTitle: t('guide.zoomIn'), zoomOutTitle: t('guide.zoomOut') }).addTo(map);
    map.on('popupopen', ({ popup }) => {
      const close = popup.getElement()?.querySelector('.leaflet-popup-close-button');
      close?.setAttribute('aria-label', t('guide.closePopup'));
      close?.setAttribute('title', t('guide.closePopup'));
    });
    const tiles = leaflet.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
      maxZoom: 19,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
    });
    let tileLoaded = false;
    const tilesFailed = () => {
      if (!tileLoaded) {
        showMapNote(t('guide.mapFailed'));
        mapElement.classList.add('tiles-missing');
      }
    };
    tiles.on('tileload', () => {
      tileLoaded = true;
      mapNote.hidden = true;
      mapElement.classList.remove('tiles-missing');
    });
    tiles.on('tileerror', tilesFailed);
    setTimeout(tilesFailed, tileTimeoutMs);
    tiles.addTo(map);
    // Leaflet puts its own name on the container's ARIA role; the page's label says what it shows.
    mapElement.setAttribute('aria-label', t('guide.map'));
    return { map, markers: leaflet.layerGroup().addTo(map), leaflet };
  } catch {
    mapElement.hidden = true;
    showMapNote(t('guide.mapUnavailable'));
    return undefined;
  }
}

function popupContent(venue: Venue): HTMLElement {
  const link = document.createElement('a');
  link.href = localizedPath(locale, `/v/${venue.id}/`);
  link.textContent = venue.name[locale];
  const kind = document.createElement('span');
  kind.className = 'small';
  kind.textContent = ` · ${t(`guide.kind.${venue.category}`)}`;
  const content = document.createElement('p');
  content.append(link, kind);
  return content;
}

/**
 * Resolves once the map's box comes near the viewport: Leaflet (about 150 KB of script and the
 * work of drawing) waits until a reader can see the map, which on a phone is below the filters.
 */
function nearViewport(element: Element): Promise<void> {
  return new Promise((resolve) => {
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        resolve();
      },
      { rootMargin: '200px' },
    );
    observer.observe(element);
  });
}

function showOnMap(venues: readonly Venue[], append: boolean): void {
  mapParts ??= nearViewport(mapElement).then(loadMap);
  void mapParts.then((parts) => {
    if (!parts) return;
    const { map, markers, leaflet } = parts;
    if (!append) markers.clearLayers();
    for (const venue of venues) {
      leaflet
        .circleMarker([venue.location.lat, venue.location.lon], {
          radius: 7,
          color: '#0b5c73',
          weight: 2,
          fillColor: '#fff',
          fillOpacity: 0.9,
        })
        .bindPopup(popupContent(venue))
        .addTo(markers);
    }
    const points = markers.getLayers().map((layer) => (layer as Leaflet.CircleMarker).getLatLng());
    if (points.length > 0) map.fitBounds(leaflet.latLngBounds(points), { padding: [48, 48], maxZoom: 16 });
  });
}

// Wiring: the form applies each choice at once; the text applies when searched.

form.addEventListener('submit', (event) => {
  event.preventDefault();
  applyForm();
});
form.addEventListener('change', (event) => {
  const target = event.target as HTMLElement;
  if (target === form.q) return;
  if (target === nearSelect && nearSelect.value === 'me' && !ownPosition) {
    locate();
    return;
  }
  if (target === nearSelect) locationStatus.textContent = '';
  syncRadius();
  applyForm();
});
form.addEventListener('reset', () => {
  // The reset event comes before the form is cleared; the fields read empty on the next task.
  setTimeout(() => {
    locationStatus.textContent = '';
    syncRadius();
    applyForm();
  });
});
nearMeButton.addEventListener('click', locate);
moreButton.addEventListener('click', () => {
  if (nextPage !== null) void search(stateFromUrl(), nextPage);
});
window.addEventListener('popstate', applyUrl);

byId('guide-filters').hidden = false;
searchSection.hidden = false;
directory.hidden = true;
applyUrl();
