/**
 * Sign-in with the Cognito hosted UI: the OAuth 2.0 authorization code grant with PKCE (RFC 7636)
 * for a public client. The pure helpers come first; the last functions use the browser.
 */
import { sameOriginPath } from './same-origin-path.ts';

/** What the deployment puts at /auth-config.json; locally there is none. */
export interface AuthConfig {
  /** The hosted UI's origin, https://<prefix>.auth.<region>.amazoncognito.com */
  domain: string;
  clientId: string;
}

/** The staff pages a sign-in may start from and return to. */
const staffPage = /^\/(?:zh\/)?(?:organizer\/(?:checkin\/|audit\/)?|affairs\/)$/;

/** The staff page of this site a return address names, if it names one; undefined otherwise. */
export function staffPagePath(candidate: string | null | undefined, origin: string): string | undefined {
  const path = sameOriginPath(candidate, origin);
  return path && staffPage.test(path) ? path : undefined;
}

/** The config if it has the expected shape: an https origin and a client id; undefined otherwise. */
export function parseAuthConfig(value: unknown): AuthConfig | undefined {
  const { domain, clientId } = (value ?? {}) as Record<string, unknown>;
  if (typeof domain !== 'string' || typeof clientId !== 'string' || !/^[\w+]+$/.test(clientId)) return;
  try {
    const url = new URL(domain);
    if (url.protocol !== 'https:' || url.origin !== domain.replace(/\/$/, '')) return;
    return { domain: url.origin, clientId };
  } catch {
    return;
  }
}

export const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** 32 bytes from the CSPRNG, base64url: 43 characters. */
export const randomValue = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** The S256 code challenge of a code verifier. */
export const codeChallenge = async (verifier: string) =>
  base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));

/**
 * The callback is always the English page (the app client lists only those): "/zh/organizer/"
 * signs in through "/organizer/". Any other path counts as the organizer page.
 */
export const callbackPath = (pathname: string) =>
  staffPage.test(pathname) && pathname.includes('/checkin/') ? '/organizer/checkin/' : '/organizer/';

/** The state carries the page the sign-in started from after its random part: "<random>/zh/organizer/". */
export const stateFor = (random: string, startPage: string) =>
  random + (staffPage.test(startPage) ? startPage : callbackPath(startPage));

/** The page of `origin` to return to that a state names, if it is one of the staff pages. */
export function returnPage(state: string, origin: string): string | undefined {
  return state.includes('/') ? staffPagePath(state.slice(state.indexOf('/')), origin) : undefined;
}

export function authorizeUrl(
  { domain, clientId }: AuthConfig,
  redirectUri: string,
  state: string,
  challenge: string,
): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${domain}/oauth2/authorize?${query}`;
}

export const tokenRequest = (
  { clientId }: AuthConfig,
  redirectUri: string,
  code: string,
  verifier: string,
): URLSearchParams =>
  new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: clientId,
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });

export const logoutUrl = ({ domain, clientId }: AuthConfig, logoutUri: string) =>
  `${domain}/logout?${new URLSearchParams({ client_id: clientId, logout_uri: logoutUri })}`;

/** Why a sign-in did not complete; each has its message on the page. */
export type SignInFailure = 'refused' | 'state' | 'exchange';

/** What the hosted UI sent back in the address, if this page load is its answer. */
export function readCallback(
  search: string,
): { code: string; state: string } | { error: string; state: string } | undefined {
  const query = new URLSearchParams(search);
  const state = query.get('state') ?? '';
  const code = query.get('code');
  const error = query.get('error');
  if (error) return { error, state };
  if (code) return { code, state };
}

/** In this tab's sessionStorage between leaving for the hosted UI and coming back. */
const pendingKey = 'wuzhen.signIn';

/** /auth-config.json if the deployment has one and it is valid. */
export async function loadAuthConfig(): Promise<AuthConfig | undefined> {
  try {
    const response = await fetch('/auth-config.json', { cache: 'no-cache' });
    return response.ok ? parseAuthConfig(await response.json()) : undefined;
  } catch {
    return;
  }
}

/** Leaves for the hosted UI, to come back to this page signed in. */
export async function startSignIn(config: AuthConfig): Promise<void> {
  const state = stateFor(randomValue(), location.pathname);
  const verifier = randomValue();
  sessionStorage.setItem(pendingKey, JSON.stringify({ state, verifier }));
  const redirectUri = location.origin + callbackPath(location.pathname);
  location.assign(authorizeUrl(config, redirectUri, state, await codeChallenge(verifier)));
}

/**
 * Exchanges the code the hosted UI sent back for tokens and resolves with the ID token, or with why
 * not, and with the page the sign-in started from. The pending sign-in is used once.
 */
export async function finishSignIn(
  config: AuthConfig,
  callback: NonNullable<ReturnType<typeof readCallback>>,
): Promise<{ token?: string; failure?: SignInFailure; returnTo: string }> {
  const pending = JSON.parse(sessionStorage.getItem(pendingKey) ?? '{}');
  sessionStorage.removeItem(pendingKey);
  const { state = '', verifier = '' } = typeof pending === 'object' && pending ? pending : {};
  // Without a state naming a staff page, back to the callback page itself, never to whatever the
  // address bar holds.
  const returnTo = returnPage(String(state), location.origin) ?? callbackPath(location.pathname);
  if (!state || callback.state !== state) return { failure: 'state', returnTo };
  if ('error' in callback) return { failure: 'refused', returnTo };
  const redirectUri = location.origin + callbackPath(location.pathname);
  try {
    const response = await fetch(`${config.domain}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: tokenRequest(config, redirectUri, callback.code, String(verifier)),
    });
    const { id_token: token } = response.ok ? await response.json() : {};
    if (typeof token === 'string' && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) return { token, returnTo };
  } catch {
    // No answer, or not JSON: the same as a refused exchange.
  }
  return { failure: 'exchange', returnTo };
}
