/**
 * Every page template of the portal, by one example address in English; `/zh` before it gives the
 * Chinese page. The checks that must reach every template (the CSP, accessibility, page weight) share
 * it, and test/e2e/page-templates.test.ts fails when a template of the built site has no example here.
 */
export const pageTemplates = [
  '/',
  '/register/',
  '/registration/',
  '/organizer/',
  '/organizer/checkin/',
  '/organizer/audit/',
  '/guide/',
  '/guide/qr/',
  '/v/tongan-inn/',
  '/program/',
  '/program/closing-ceremony/',
  '/speakers/',
  '/speakers/ada-quill/',
  '/my-agenda/',
  '/town/',
  '/search/',
  '/developers/',
  '/privacy/',
  '/help/',
  '/help/request/',
  '/affairs/',
] as const;

/**
 * Templates with one page for both languages: the 404 page says it in English and Chinese; a QR
 * card's address names the venue in both and leads on to its page in the reader's language.
 */
export const bilingualPageTemplates = ['/404.html', '/q/tongan-inn/'] as const;

/** Every template in every language it has. */
export const localizedPageTemplates: string[] = [
  ...pageTemplates.flatMap((path) => [path, `/zh${path}`]),
  ...bilingualPageTemplates,
];
