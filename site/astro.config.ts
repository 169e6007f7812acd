import node from '@astrojs/node';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { offlineShell } from './offline/offline-shell.ts';
import { searchIndex } from './search-index.ts';

/**
 * Pages a search engine has no use for: a registrant's or a resident's own page (each reads a
 * personal token from its address) and the staff-only pages, in either language.
 */
const privatePath = /^\/(?:zh\/)?(?:registration|organizer|affairs|help\/request)(?:\/|$)/;
/** The QR cards' addresses (/q/<id>/), each leading on to the venue's page in the reader's language. */
const languageChoicePath = /^\/q\//;

export default defineConfig({
  // Canonical URLs and QR codes use this origin; deployments set SITE_ORIGIN to their domain.
  site: process.env.SITE_ORIGIN ?? 'http://127.0.0.1:4321',
  output: 'static',
  // A build of other content (local/site-build.ts) keeps its content store apart from the site's.
  ...(process.env.SITE_CACHE_DIR && { cacheDir: process.env.SITE_CACHE_DIR }),
  adapter: node({ mode: 'standalone' }),
  // The portal keeps no server-side sessions: organizers carry a bearer token, attendees a manage token.
  session: false,
  trailingSlash: 'ignore',
  // Stylesheets as files, never inline <style>: the Content-Security-Policy allows no inline styles.
  build: { inlineStylesheets: 'never' },
  i18n: {
    locales: ['en', 'zh'],
    defaultLocale: 'en',
    routing: { prefixDefaultLocale: false },
  },
  integrations: [
    sitemap({
      // Each page lists its twin in the other language, tagged as the pages' own lang attributes are.
      i18n: { defaultLocale: 'en', locales: { en: 'en', zh: 'zh-Hans' } },
      // Only pages: the sitemap leaves out endpoints such as the QR images and robots.txt.
      filter: (page) => {
        const { pathname } = new URL(page);
        return pathname.endsWith('/') && !privatePath.test(pathname) && !languageChoicePath.test(pathname);
      },
    }),
    // After the build: the search index of the pages the build wrote, then (last) the worker's
    // precache list, read from the finished build.
    searchIndex(),
    offlineShell(),
  ],
});
