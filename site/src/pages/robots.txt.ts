import type { APIRoute } from 'astro';

// An endpoint rather than a file in public/: the sitemap's address must be absolute, and the origin
// is only known when the site is built (SITE_ORIGIN).
export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL('/sitemap-index.xml', site);
  return new Response(
    [
      'User-agent: *',
      'Disallow: /registration/',
      'Disallow: /zh/registration/',
      'Disallow: /organizer/',
      'Disallow: /zh/organizer/',
      'Disallow: /help/request/',
      'Disallow: /zh/help/request/',
      'Disallow: /affairs/',
      'Disallow: /zh/affairs/',
      '',
      `Sitemap: ${sitemap.href}`,
      '',
    ].join('\n'),
    { headers: { 'content-type': 'text/plain; charset=utf-8' } },
  );
};
