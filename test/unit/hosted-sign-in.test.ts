import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  authorizeUrl,
  base64url,
  callbackPath,
  codeChallenge,
  logoutUrl,
  parseAuthConfig,
  randomValue,
  readCallback,
  returnPage,
  staffPagePath,
  stateFor,
  tokenRequest,
} from '../../site/src/scripts/hosted-sign-in.ts';

const config = { domain: 'https://wuzhen.auth.ap-east-1.amazoncognito.com', clientId: '1example23456789' };

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('derives the challenge node:crypto derives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[\w.~-]{43,128}$/), async (verifier) => {
        expect(await codeChallenge(verifier)).toBe(createHash('sha256').update(verifier).digest('base64url'));
      }),
    );
  });

  it('writes base64url without padding, as Node does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        expect(base64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      }),
    );
  });

  it('makes random values of 32 bytes (43 characters), a new one each time', () => {
    const values = new Set(Array.from({ length: 50 }, randomValue));
    expect(values.size).toBe(50);
    for (const value of values) expect(value).toMatch(/^[\w-]{43}$/);
  });
});

describe('the authorize and token requests', () => {
  it('asks for a code with PKCE, the three scopes and the English callback', () => {
    const url = new URL(
      authorizeUrl(config, 'https://portal.example/organizer/', 'abc/zh/organizer/', 'challenge'),
    );
    expect(url.origin + url.pathname).toBe(`${config.domain}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: config.clientId,
      redirect_uri: 'https://portal.example/organizer/',
      scope: 'openid email profile',
      state: 'abc/zh/organizer/',
      code_challenge: 'challenge',
      code_challenge_method: 'S256',
    });
    expect(url.search).toContain('scope=openid+email+profile');
  });

  it('exchanges the code with the verifier, form-encoded', () => {
    const body = tokenRequest(config, 'https://portal.example/organizer/checkin/', 'the-code', 'verifier');
    expect(body.toString()).toBe(
      'grant_type=authorization_code&client_id=1example23456789&code=the-code' +
        '&redirect_uri=https%3A%2F%2Fportal.example%2Forganizer%2Fcheckin%2F&code_verifier=verifier',
    );
  });

  it('signs out of the hosted UI back to the organizer page', () => {
    const url = new URL(logoutUrl(config, 'https://portal.example/organizer/'));
    expect(url.origin + url.pathname).toBe(`${config.domain}/logout`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: config.clientId,
      logout_uri: 'https://portal.example/organizer/',
    });
  });

  it.each([
    ['/organizer/', '/organizer/'],
    ['/zh/organizer/', '/organizer/'],
    ['/organizer/checkin/', '/organizer/checkin/'],
    ['/zh/organizer/checkin/', '/organizer/checkin/'],
    ['/zh/organizer/audit/', '/organizer/'],
    ['/zh/affairs/', '/organizer/'],
    ['/elsewhere/checkin/', '/organizer/'],
  ])('calls %s back at %s', (page, callback) => {
    expect(callbackPath(page)).toBe(callback);
  });

  it('carries the starting page in the state, and only a staff page', () => {
    const origin = 'https://portal.example';
    expect(returnPage(stateFor('random', '/zh/organizer/checkin/'), origin)).toBe('/zh/organizer/checkin/');
    expect(returnPage(stateFor('random', '/organizer/'), origin)).toBe('/organizer/');
    expect(returnPage(stateFor('random', '/zh/organizer/audit/'), origin)).toBe('/zh/organizer/audit/');
    expect(returnPage(stateFor('random', '/affairs/'), origin)).toBe('/affairs/');
    expect(stateFor('random', '/somewhere/')).toBe('random/organizer/');
    expect(stateFor('random', '//evil.example/..%2Forganizer/')).toBe('random/organizer/');
    expect(returnPage('random//evil.example/', origin)).toBeUndefined();
    expect(returnPage('random//evil.example/..%2Forganizer/', origin)).toBeUndefined();
    expect(returnPage('random/\\evil.example/organizer/', origin)).toBeUndefined();
    expect(returnPage('random/somewhere/', origin)).toBeUndefined();
    expect(returnPage('random', origin)).toBeUndefined();
  });

  it.each([
    ['/organizer/', '/organizer/'],
    ['/zh/organizer/checkin/', '/zh/organizer/checkin/'],
    ['https://portal.example/zh/organizer/', '/zh/organizer/'],
    ['/program/', undefined],
    ['//evil.example/..%2Forganizer/', undefined],
    ['/organizer/?next=x', undefined],
    [null, undefined],
  ])('takes %s as the staff page %s', (candidate, page) => {
    expect(staffPagePath(candidate, 'https://portal.example')).toBe(page);
  });

  it('reads the answer in the address', () => {
    expect(readCallback('?code=c&state=s')).toEqual({ code: 'c', state: 's' });
    expect(readCallback('?error=access_denied&state=s')).toEqual({ error: 'access_denied', state: 's' });
    expect(readCallback('?code=c')).toEqual({ code: 'c', state: '' });
    expect(readCallback('')).toBeUndefined();
  });
});

describe('/auth-config.json', () => {
  it('accepts an https origin and a client id', () => {
    expect(parseAuthConfig(config)).toEqual(config);
    expect(parseAuthConfig({ ...config, domain: `${config.domain}/` })).toEqual(config);
  });

  it.each([
    null,
    'text',
    [],
    {},
    { domain: config.domain },
    { clientId: config.clientId },
    { ...config, clientId: '' },
    { ...config, clientId: 'two words' },
    { ...config, clientId: 42 },
    { ...config, domain: 'http://wuzhen.auth.ap-east-1.amazoncognito.com' },
    { ...config, domain: 'wuzhen.auth.ap-east-1.amazoncognito.com' },
    { ...config, domain: `${config.domain}/oauth2` },
    { ...config, domain: `${config.domain}?x=1` },
    { ...config, domain: 'https://user@wuzhen.auth.ap-east-1.amazoncognito.com' },
    { ...config, domain: 'javascript:alert(1)' },
  ])('refuses %j', (value) => {
    expect(parseAuthConfig(value)).toBeUndefined();
  });
});
