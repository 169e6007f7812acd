/**
 * The staff pages' hosted sign-in in Chromium: a fake /auth-config.json and a fake Cognito hosted UI
 * (authorize, token, logout), whose ID token is a real one from the local issuer, so the organizer
 * dashboard loads from the portal's API with it.
 */
import { createHash } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type OrganizerRole, signOrganizerToken } from '../../local/organizer-tokens.ts';
import { browserSession } from '../support/browser-session.ts';

const cognito = 'https://wuzhen-test.auth.example.com';
// The portal's CSP admits this hosted UI, as CloudFront's admits the stack's.
const session = browserSession('staff-sign-in-', { SIGN_IN_ORIGIN: cognito });

const clientId = 'wuzhentestclient1';

interface FakeCognito {
  /** What the fake answers to the next sign-ins: a code with the state it was given, or not. */
  mode: 'sign-in' | 'forged-state' | 'refuse' | 'failing-token';
  authorizations: URLSearchParams[];
  exchanges: URLSearchParams[];
  logouts: URLSearchParams[];
}

/** Serves /auth-config.json on the portal and plays Cognito's hosted UI for a context. */
async function fakeCognito(context: BrowserContext, role: OrganizerRole): Promise<FakeCognito> {
  const fake: FakeCognito = { mode: 'sign-in', authorizations: [], exchanges: [], logouts: [] };
  const idToken = await signOrganizerToken(session.dataDirectory, role);
  const portal = new URL(session.portal.url).origin;
  await context.route(`${portal}/auth-config.json`, (route) =>
    route.fulfill({ json: { domain: cognito, clientId } }),
  );
  await context.route(`${cognito}/**`, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const redirect = (location: string) => route.fulfill({ status: 302, headers: { location } });
    if (url.pathname === '/oauth2/authorize') {
      fake.authorizations.push(url.searchParams);
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      const state = url.searchParams.get('state') ?? '';
      if (fake.mode === 'refuse')
        back.search = new URLSearchParams({ error: 'access_denied', state }).toString();
      else {
        back.search = new URLSearchParams({
          code: 'the-code',
          state: fake.mode === 'forged-state' ? 'someone-else' : state,
        }).toString();
      }
      return redirect(back.href);
    }
    if (url.pathname === '/oauth2/token' && request.method() === 'POST') {
      const body = new URLSearchParams(request.postData() ?? '');
      body.set('(content-type)', request.headers()['content-type'] ?? '');
      fake.exchanges.push(body);
      const headers = { 'access-control-allow-origin': portal };
      if (fake.mode === 'failing-token') {
        return route.fulfill({ status: 400, headers, json: { error: 'invalid_grant' } });
      }
      return route.fulfill({
        headers,
        json: { id_token: idToken, access_token: 'access', token_type: 'Bearer', expires_in: 3600 },
      });
    }
    if (url.pathname === '/logout') {
      fake.logouts.push(url.searchParams);
      return redirect(url.searchParams.get('logout_uri') ?? '');
    }
    return route.fulfill({ status: 404 });
  });
  return fake;
}

async function configuredPage(role: OrganizerRole = 'organizer'): Promise<{ page: Page; fake: FakeCognito }> {
  let fake: FakeCognito | undefined;
  const page = await session.newPage({}, async (context) => {
    fake = await fakeCognito(context, role);
  });
  return { page, fake: fake as FakeCognito };
}

const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};

/** The figures came from the API with the token, so the API accepted it. */
async function dashboardLoaded(page: Page): Promise<void> {
  await page.locator('#organizer-workspace').waitFor();
  await page.locator('#figure-checked-in').filter({ hasText: /\d/ }).waitFor();
}

describe('hosted sign-in on the staff pages', () => {
  it('signs an organizer in with a code and PKCE, and signs them out of the hosted UI too', async () => {
    const { page, fake } = await configuredPage();
    await page.goto('/organizer/');
    const hostedButton = page.getByRole('button', { name: 'Sign in with your organizer account' });
    await hostedButton.waitFor();
    expect(await page.getByLabel('Access token').isHidden(), 'the token form is folded away').toBe(true);
    expect(
      await page.getByRole('button', { name: 'Use a token instead' }).getAttribute('aria-expanded'),
    ).toBe('false');

    await hostedButton.click();
    await dashboardLoaded(page);
    expect(pathOf(page), 'code and state leave the address').toBe('/organizer/');
    expect(await page.locator('#session-who').textContent()).toMatch(/^Signed in as organizer · until /);

    const [authorization] = fake.authorizations;
    const [exchange] = fake.exchanges;
    if (!authorization || !exchange) throw new Error('no authorization or no exchange');
    const redirectUri = `${new URL(session.portal.url).origin}/organizer/`;
    expect(Object.fromEntries(authorization)).toEqual({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      state: expect.stringMatching(/^[\w-]{43}\/organizer\/$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
    });
    expect(Object.fromEntries(exchange)).toEqual({
      '(content-type)': 'application/x-www-form-urlencoded',
      grant_type: 'authorization_code',
      client_id: clientId,
      code: 'the-code',
      redirect_uri: redirectUri,
      code_verifier: expect.stringMatching(/^[\w-]{43}$/),
    });
    const verifier = exchange.get('code_verifier') ?? '';
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(
      authorization.get('code_challenge'),
    );
    expect(
      await page.evaluate(() => sessionStorage.getItem('wuzhen.signIn')),
      'the verifier is used once',
    ).toBeNull();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/organizer/');
    await hostedButton.waitFor();
    expect(fake.logouts.map((query) => Object.fromEntries(query))).toEqual([
      { client_id: clientId, logout_uri: redirectUri },
    ]);
    expect(await page.evaluate(() => sessionStorage.getItem('wuzhen.staffToken'))).toBeNull();
    expect(await page.locator('#organizer-workspace').isHidden()).toBe(true);
  });

  it('returns to the Chinese page the sign-in started from, and there after signing out', async () => {
    const { page, fake } = await configuredPage();
    await page.goto('/zh/organizer/');
    await page.getByRole('button', { name: '使用组织者账号登录' }).click();
    await dashboardLoaded(page);
    expect(pathOf(page)).toBe('/zh/organizer/');
    expect(fake.authorizations[0]?.get('redirect_uri'), 'the callback is the English page').toMatch(
      /\/organizer\/$/,
    );
    expect(fake.authorizations[0]?.get('redirect_uri')).not.toContain('/zh/');
    expect(await page.locator('#session-who').textContent()).toMatch(/^当前身份：组织者/);

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/zh/organizer/');
    await page.getByRole('button', { name: '使用组织者账号登录' }).waitFor();
    expect(fake.logouts).toHaveLength(1);
  });

  it('signs check-in staff in at the check-in page, from Chinese', async () => {
    const { page, fake } = await configuredPage('checkin');
    await page.goto('/zh/organizer/checkin/');
    await page.getByRole('button', { name: '使用组织者账号登录' }).click();
    await page.locator('#checkin-desk').waitFor();
    expect(pathOf(page)).toBe('/zh/organizer/checkin/');
    expect(fake.authorizations[0]?.get('redirect_uri')).toBe(
      `${new URL(session.portal.url).origin}/organizer/checkin/`,
    );
    expect(fake.exchanges[0]?.get('redirect_uri')).toBe(fake.authorizations[0]?.get('redirect_uri'));
    expect(await page.locator('#session-who').textContent()).toMatch(/^当前身份：签到人员/);
  });

  it('refuses an answer with another state, says why, and signs in on a second try', async () => {
    const { page, fake } = await configuredPage();
    fake.mode = 'forged-state';
    await page.goto('/organizer/');
    const hostedButton = page.getByRole('button', { name: 'Sign in with your organizer account' });
    await hostedButton.click();
    const error = page.locator('#hosted-sign-in-error');
    await error.filter({ hasText: 'This sign-in did not start in this browser tab' }).waitFor();
    expect(fake.exchanges, 'no code is exchanged').toHaveLength(0);
    expect(pathOf(page)).toBe('/organizer/');
    expect(await page.locator('#organizer-workspace').isHidden()).toBe(true);

    fake.mode = 'sign-in';
    await hostedButton.click();
    await dashboardLoaded(page);
    expect(fake.exchanges).toHaveLength(1);
  });

  it('says in Chinese that the sign-in was refused or failed, on the Chinese page', async () => {
    const { page, fake } = await configuredPage();
    fake.mode = 'refuse';
    await page.goto('/zh/organizer/');
    const hostedButton = page.getByRole('button', { name: '使用组织者账号登录' });
    await hostedButton.click();
    const error = page.locator('#hosted-sign-in-error');
    await error.filter({ hasText: '登录已取消或被拒绝' }).waitFor();
    expect(pathOf(page)).toBe('/zh/organizer/');
    expect(fake.exchanges).toHaveLength(0);

    fake.mode = 'failing-token';
    await hostedButton.click();
    await error.filter({ hasText: '无法完成登录' }).waitFor();
    expect(pathOf(page)).toBe('/zh/organizer/');
    expect(fake.exchanges).toHaveLength(1);
    expect(await page.evaluate(() => sessionStorage.getItem('wuzhen.staffToken'))).toBeNull();
  });

  describe('at an address a browser reads as another host', () => {
    // A file server maps this onto the organizer page; location.replace() maps it onto evil.example.
    const hostile = '//evil.example/..%2Forganizer/';
    /** Joined as text: new URL() and page.goto('/…') would read the hostile path as a host. */
    const onPortal = (path: string) => new URL(session.portal.url).origin + path;

    /** The organizer page served under the hostile address, as a careless server or CDN would. */
    async function hostilePage(): Promise<{ page: Page; fake: FakeCognito; offSite: string[] }> {
      const portal = new URL(session.portal.url).origin;
      const offSite: string[] = [];
      let fake: FakeCognito | undefined;
      const page = await session.newPage({}, async (context) => {
        fake = await fakeCognito(context, 'organizer');
        await context.route(
          (url) => url.origin === portal && url.pathname.startsWith('//'),
          async (route) => route.fulfill({ response: await route.fetch({ url: `${portal}/organizer/` }) }),
        );
        await context.route('http://evil.example/**', (route) => {
          offSite.push(route.request().url());
          return route.fulfill({ status: 404 });
        });
      });
      return { page, fake: fake as FakeCognito, offSite };
    }

    it('is no page of the portal itself', async () => {
      const page = await session.newPage();
      const response = await page.goto(onPortal(hostile));
      expect(response?.status()).toBe(404);
      expect(await page.locator('#sign-in').count()).toBe(0);
    });

    it('signs out and stays on the portal', async () => {
      const { page, fake, offSite } = await hostilePage();
      await page.goto('/organizer/');
      await page.getByRole('button', { name: 'Sign in with your organizer account' }).click();
      await dashboardLoaded(page);
      await page.goto(onPortal(hostile));
      await dashboardLoaded(page);
      expect(new URL(page.url()).pathname, 'signed in under the hostile address').toBe(hostile);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(onPortal('/organizer/'));
      await page.getByRole('button', { name: 'Sign in with your organizer account' }).waitFor();
      expect(fake.logouts).toHaveLength(1);
      expect(new URL(page.url()).origin).toBe(new URL(session.portal.url).origin);
      expect(offSite).toEqual([]);
    });

    it('follows neither a planted return address nor a forged callback off the portal', async () => {
      const { page, offSite } = await hostilePage();
      await page.goto('/organizer/');
      await page.evaluate(() => sessionStorage.setItem('wuzhen.signOutReturn', '//evil.example/'));
      await page.reload();
      await page.getByRole('button', { name: 'Sign in with your organizer account' }).waitFor();
      expect(pathOf(page)).toBe('/organizer/');

      await page.goto(`${onPortal(hostile)}?code=the-code&state=forged`);
      await page.waitForURL(onPortal('/organizer/'));
      const error = page.locator('#hosted-sign-in-error');
      await error.filter({ hasText: 'This sign-in did not start in this browser tab' }).waitFor();
      expect(offSite).toEqual([]);
    });
  });

  it('keeps the token form one click away', async () => {
    const { page } = await configuredPage();
    await page.goto('/organizer/');
    const toggle = page.getByRole('button', { name: 'Use a token instead' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.getByLabel('Access token').fill(await signOrganizerToken(session.dataDirectory, 'organizer'));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await dashboardLoaded(page);
  });

  it.each([
    ['without /auth-config.json', undefined],
    ['with an /auth-config.json that is not https', { domain: 'http://example.com', clientId }],
  ])('shows the token form as before %s', async (_, config) => {
    const page = await session.newPage({}, (context) =>
      config
        ? context.route('**/auth-config.json', (route) => route.fulfill({ json: config }))
        : Promise.resolve(),
    );
    await page.goto('/organizer/');
    await page.getByLabel('Access token').waitFor();
    expect(await page.locator('#hosted-sign-in').isHidden()).toBe(true);
    await page.getByLabel('Access token').fill(await signOrganizerToken(session.dataDirectory, 'organizer'));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await dashboardLoaded(page);
  });
});
