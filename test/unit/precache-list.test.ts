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
];

describe('the offline precache list', () => {
  const list = precacheList(files);

  it('keeps the offline pages of both languages and the shell they load with the chunks it imports statically, nothing else', () => {
    expect(list.urls).toEqual([
      '/',
      '/_astro/api.js',
      '/_astro/home.js',
      '/_astro/program.js',
      '/_astro/shared.css',
      '/program/',
      '/program/s-opening/',
      '/speakers/ada/',
      '/tracks.css',
      '/zh/program/',
      '/zh/v/tea-house/',
    ]);
  });

  it('counts each language’s pages with the shell both share', () => {
    expect(list.shellBytes).toBe(45);
    expect(list.bytesPerLanguage).toEqual({ en: 100 + 200 + 50 + 40 + 45, zh: 210 + 70 + 45 });
  });
});
