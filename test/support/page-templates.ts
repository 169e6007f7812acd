/**
 * Every page template of the portal, by one example address in English; `/zh` before it gives the
 * Chinese page. The checks that must reach every template (the CSP, accessibility, page weight) share it.
 */
export const pageTemplates = [
  '/',
  '/register/',
  '/registration/',
  '/organizer/',
  '/organizer/checkin/',
  '/guide/',
  '/guide/qr/',
  '/v/tongan-inn/',
  '/program/',
  '/program/closing-ceremony/',
  '/speakers/',
  '/speakers/ada-quill/',
  '/my-agenda/',
  '/town/',
  '/developers/',
] as const;

/** Every template in both languages. */
export const localizedPageTemplates: string[] = pageTemplates.flatMap((path) => [path, `/zh${path}`]);
