import { describe, expect, it } from 'vitest';
import { type BuiltFile, precacheList } from '../../site/offline/precache-list.ts';

const page = (path: string, bytes: number, assets: string[] = []): BuiltFile => ({
  path,
  bytes,
  text: `<html>${assets.map((asset) => `<script type="module" src="${asset}"></script>`).join('')}</html>`,
});

const files: BuiltFile[] = [
  page('/index.html', 100, ['/_astro/home.js']),
  page('/program/index.html', 200, ['/_astro/program.js', '/_astro/shared.css']),
  page('/program/s-opening/index.html', 50),
  page('/zh/program/index.html', 210, ['/_astro/program.js']),
  page('/zh/v/tea-house/index.html', 70),
  page('/speakers/ada/index.html', 40),
  page('/organizer/index.html', 999, ['/_astro/organizer.js']),
  page('/registration/index.html', 999),
  page('/program/s-opening/extra/index.html', 999),
  { path: '/_astro/home.js', bytes: 10 },
  { path: '/_astro/program.js', bytes: 20, text: 'import{a}from"./api.js";import("./map.js")' },
  { path: '/_astro/api.js', bytes: 7 },
  { path: '/_astro/map.js', bytes: 999 },
  { path: '/_astro/shared.css', bytes: 5 },
  { path: '/_astro/organizer.js', bytes: 999 },
  { path: '/tracks.css', bytes: 3 },
  { path: '/schedule.json', bytes: 999 },
  page('/search/index.html', 30, ['/_astro/site-search.js']),
  { path: '/_astro/site-search.js', bytes: 6, text: 'export*from"./api.js"' },
  // The search index as Pagefind names it: code and entry shared, the rest by language.
  ...Object.entries({
    '/pagefind/pagefind.js': 11,
    '/pagefind/pagefind-entry.json': 1,
    '/pagefind/wasm.unknown.pagefind': 13,
    '/pagefind/pagefind.en_a1.pf_meta': 2,
    '/pagefind/index/en_b2.pf_index': 17,
    '/pagefind/fragment/zh-hans_c3.pf_fragment': 19,
  }).map(([path, bytes]) => ({ path, bytes })),
];

describe('the offline precache list', () => {
  const list = precacheList(files);

  it('keeps the offline pages of both languages, the shell they load with the chunks it imports statically and the search index, nothing else', () => {
    expect(list.urls).toEqual([
      '/',
      '/_astro/api.js',
      '/_astro/home.js',
      '/_astro/program.js',
      '/_astro/shared.css',
      '/_astro/site-search.js',
      '/pagefind/fragment/zh-hans_c3.pf_fragment',
      '/pagefind/index/en_b2.pf_index',
      '/pagefind/pagefind-entry.json',
      '/pagefind/pagefind.en_a1.pf_meta',
      '/pagefind/pagefind.js',
      '/pagefind/wasm.unknown.pagefind',
      '/program/',
      '/program/s-opening/',
      '/search/',
      '/speakers/ada/',
      '/tracks.css',
      '/zh/program/',
      '/zh/v/tea-house/',
    ]);
  });

  it('counts each language’s pages and search index with the shell and search code both share', () => {
    expect(list.urlsOf.zh).toEqual([
      '/pagefind/fragment/zh-hans_c3.pf_fragment',
      '/zh/program/',
      '/zh/v/tea-house/',
    ]);
    expect([...list.urlsOf.en, ...list.urlsOf.zh, ...list.urlsOf.shell].sort()).toEqual(list.urls);
    const shellBytes = 10 + 20 + 7 + 5 + 6 + 3 + 11 + 1 + 13;
    expect(list.shellBytes).toBe(shellBytes);
    expect(list.bytesPerLanguage).toEqual({
      en: 100 + 200 + 50 + 40 + 30 + 2 + 17 + shellBytes,
      zh: 210 + 70 + 19 + shellBytes,
    });
  });
});
