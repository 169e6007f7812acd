import { byId } from './dom.ts';
import { pageText } from './page-text.ts';

/** The part of Pagefind's browser API (/pagefind/pagefind.js) this page uses. */
interface PagefindResult {
  data(): Promise<{ url: string; excerpt: string; meta: { title?: string; type?: string } }>;
}
interface Pagefind {
  search(query: string): Promise<{ results: PagefindResult[] }>;
}

/** Results shown at once: Pagefind loads each one's fragment only when asked for it. */
const shownResults = 30;

const root = byId('search');
const { t } = pageText<'search.'>(root);
const status = byId('search-status');
const list = byId<HTMLOListElement>('search-results');
const input = byId<HTMLInputElement>('search-query');

/**
 * The excerpt as text with its `<mark>`s: Pagefind writes it as HTML; only the marks are kept, so
 * nothing from the index ever runs as markup.
 */
function excerptNodes(excerpt: string): Node[] {
  const parsed = new DOMParser().parseFromString(excerpt, 'text/html');
  return [...parsed.body.childNodes].map((node) => {
    if (node.nodeName !== 'MARK') return document.createTextNode(node.textContent ?? '');
    const mark = document.createElement('mark');
    mark.textContent = node.textContent;
    return mark;
  });
}

async function showResults(query: string): Promise<void> {
  status.textContent = t('search.loading');
  // Loaded only here, from the built site: the index is no part of the page's bundle.
  const pagefindUrl = '/pagefind/pagefind.js';
  const pagefind: Pagefind = await import(/* @vite-ignore */ pagefindUrl);
  const { results } = await pagefind.search(query);
  const pages = await Promise.all(results.slice(0, shownResults).map((result) => result.data()));
  list.replaceChildren(
    ...pages.map(({ url, excerpt, meta }) => {
      const item = document.createElement('li');
      const type = document.createElement('p');
      type.className = 'search-type';
      type.textContent = meta.type ?? '';
      const link = document.createElement('a');
      link.href = url;
      link.textContent = meta.title ?? url;
      const heading = document.createElement('h2');
      heading.append(link);
      const text = document.createElement('p');
      text.append(...excerptNodes(excerpt));
      item.append(type, heading, text);
      return item;
    }),
  );
  status.textContent = t(statusOf(results.length), { count: results.length, query });
}

/** English says "1 result" but "2 results"; Chinese words both alike, so each has its string. */
function statusOf(count: number) {
  if (count === 0) return 'search.none';
  return count === 1 ? 'search.result' : 'search.results';
}

const query = new URLSearchParams(location.search).get('q')?.trim() ?? '';
if (query) {
  input.value = query;
  showResults(query).catch(() => {
    status.textContent = t('search.failed');
  });
}
