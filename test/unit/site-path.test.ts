import { describe, expect, it } from 'vitest';
import { isPlainSitePath } from '../../local/site-path.ts';

describe('isPlainSitePath', () => {
  it.each([
    '/',
    '/organizer/',
    '/zh/organizer/checkin/',
    '/schedule.json',
    '/program/?day=1',
    '/v/%E4%B8%AD/',
  ])('serves %s', (target) => {
    expect(isPlainSitePath(target)).toBe(true);
  });

  it.each([
    '//evil.example/..%2Forganizer/',
    '//evil.example/',
    '/\\evil.example/',
    '/..%2Forganizer/',
    '/%5corganizer/',
    '/program/../organizer/',
    '/%2e%2e/organizer/',
    '/organizer/\t',
    'http://evil.example/organizer/',
    '*',
  ])('refuses %s', (target) => {
    expect(isPlainSitePath(target)).toBe(false);
  });
});
