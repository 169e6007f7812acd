import { preferredLocale } from '../i18n/preferred-locale.ts';

/**
 * The printed QR card's page: goes on at once to the venue's page in the reader's language, in
 * place of this one in the history (Back leads out, not here again). Without JavaScript the page's
 * two links do the same.
 */
const choice = document.querySelector<HTMLElement>('[data-page-en][data-page-zh]');
if (choice) {
  const locale = preferredLocale(navigator.languages ?? [navigator.language]);
  const page = locale === 'zh' ? choice.dataset.pageZh : choice.dataset.pageEn;
  if (page) location.replace(page);
}
