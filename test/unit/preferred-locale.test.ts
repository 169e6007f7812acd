import { describe, expect, it } from 'vitest';
import { preferredLocale } from '../../site/src/i18n/preferred-locale.ts';

describe('the language a QR card opens its page in', () => {
  it.each([
    [['zh-CN', 'zh', 'en'], 'zh'],
    [['zh-TW'], 'zh'],
    [['zh-Hans-CN'], 'zh'],
    [['ZH-cn'], 'zh'],
    [['en-US', 'zh-CN'], 'en'],
    [['fr-FR', 'zh-CN', 'en'], 'zh'],
    [['fr-FR', 'ko'], 'en'],
    [[], 'en'],
    [['zhx'], 'en'],
  ])('%j reads %s', (languages, expected) => {
    expect(preferredLocale(languages)).toBe(expected);
  });
});
