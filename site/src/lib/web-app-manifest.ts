import type { APIRoute } from 'astro';
import { htmlLang, type Locale, localizedPath } from '../i18n/locales.ts';
import { translator } from '../i18n/ui.ts';

/** The colour of the icons' ground (site/public/favicon.svg), also each page's theme-color. */
export const themeColor = '#1b2a33';

/**
 * The web app manifest of one language (/manifest.webmanifest, /zh/manifest.webmanifest), so an
 * installed portal opens on the home page and carries the name in the language it was installed in.
 * The icons are rendered at build (site/offline/offline-shell.ts); the maskable one keeps the mark
 * inside the safe zone a home screen may crop to a circle.
 */
export function webAppManifestRoute(locale: Locale): APIRoute {
  const t = translator(locale);
  const manifest = {
    name: t('site.name'),
    short_name: t('site.shortName'),
    description: t('offline.appDescription'),
    lang: htmlLang[locale],
    dir: 'ltr',
    start_url: localizedPath(locale, '/'),
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: themeColor,
    icons: [
      { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
  return () =>
    new Response(`${JSON.stringify(manifest, null, 2)}\n`, {
      headers: { 'content-type': 'application/manifest+json' },
    });
}
