import { describe, expect, it } from 'vitest';
import { formatDateRange, localizedPath, pathWithoutLocale } from '../../site/src/i18n/locales.ts';

describe('formatDateRange', () => {
  it('writes English ranges the British way', () => {
    expect(formatDateRange('en', '2015-12-16', '2015-12-18')).toMatch(/^16\s?–\s?18 December 2015$/);
    expect(formatDateRange('en', '2027-11-30', '2027-12-02')).toMatch(/^30 November\s–\s2 December 2027$/);
  });

  it('writes Chinese ranges as Chinese readers expect', () => {
    expect(formatDateRange('zh', '2015-12-16', '2015-12-18')).toBe('2015年12月16日至18日');
    expect(formatDateRange('zh', '2027-11-30', '2027-12-02')).toBe('2027年11月30日至12月2日');
    expect(formatDateRange('zh', '2027-12-31', '2028-01-01')).toBe('2027年12月31日至2028年1月1日');
    expect(formatDateRange('zh', '2027-11-17', '2027-11-17')).toBe('2027年11月17日');
  });
});

describe('locale paths', () => {
  it('puts Chinese pages under /zh/ and maps back', () => {
    expect(localizedPath('zh', '/guide/')).toBe('/zh/guide/');
    expect(localizedPath('en', '/guide/')).toBe('/guide/');
    expect(pathWithoutLocale('/zh/guide/')).toBe('/guide/');
    expect(pathWithoutLocale('/zh')).toBe('/');
    expect(pathWithoutLocale('/zhao/')).toBe('/zhao/');
  });
});
