import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

export default defineConfig({
  // Canonical URLs and QR codes use this origin; deployments set SITE_ORIGIN to their domain.
  site: process.env.SITE_ORIGIN ?? 'http://127.0.0.1:4321',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  // The portal keeps no server-side sessions: organizers carry a bearer token, attendees a manage token.
  session: false,
  trailingSlash: 'ignore',
  i18n: {
    locales: ['en', 'zh'],
    defaultLocale: 'en',
    routing: { prefixDefaultLocale: false },
  },
});
