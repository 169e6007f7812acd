import { describe, expect, it } from 'vitest';
import { sameOriginPath } from '../../site/src/scripts/same-origin-path.ts';

const origin = 'https://portal.example';

describe('sameOriginPath', () => {
  it.each([
    ['/organizer/', '/organizer/'],
    ['/zh/organizer/checkin/', '/zh/organizer/checkin/'],
    ['/organizer/?lang=zh#list', '/organizer/?lang=zh#list'],
    ['/program/../organizer/', '/organizer/'],
    ['/%2e%2e/organizer/', '/organizer/'],
    ['https://portal.example/organizer/', '/organizer/'],
  ])('keeps %s as %s', (candidate, path) => {
    expect(sameOriginPath(candidate, origin)).toBe(path);
  });

  it.each([
    ['protocol-relative', '//evil.example/'],
    ['protocol-relative, the issue’s address', '//evil.example/..%2Forganizer/'],
    ['three slashes', '///evil.example/'],
    ['slash then backslash', '/\\evil.example/'],
    ['backslashes', '\\\\evil.example/'],
    ['a backslash inside', '/organizer\\..\\..\\evil'],
    ['an encoded slash', '/..%2Forganizer/'],
    ['an encoded slash, lower case', '/%2fevil.example/'],
    ['an encoded backslash', '/%5Cevil.example/'],
    ['javascript:', 'javascript:alert(document.domain)'],
    ['JavaScript: with capitals', 'JaVaScRiPt:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['another origin', 'https://evil.example/organizer/'],
    ['this host on another scheme', 'http://portal.example/organizer/'],
    ['this host on another port', 'https://portal.example:8443/organizer/'],
    ['a lookalike host', 'https://portal.example.evil.example/organizer/'],
    ['credentials before the host', 'https://portal.example@evil.example/'],
    ['a relative path', 'organizer/'],
    ['a bare host', 'evil.example'],
    ['a tab between the slashes', '/\t/evil.example/'],
    ['a newline between the slashes', '/\n/evil.example/'],
    ['a carriage return', '/\r/evil.example/'],
    ['a NUL', '/organizer/\u0000'],
    ['a DEL', '/\u007f/evil.example/'],
    ['a leading space', ' //evil.example/'],
    ['nothing', ''],
    ['null', null],
    ['undefined', undefined],
  ])('refuses %s', (_what, candidate) => {
    expect(sameOriginPath(candidate, origin)).toBeUndefined();
  });
});
