import { isRole } from '../../../functions/domain/staff-roles.ts';
import type { KeyWithPrefix } from '../i18n/ui.ts';
import { byId } from './dom.ts';
import { formatClock } from './format.ts';
import {
  finishSignIn,
  loadAuthConfig,
  logoutUrl,
  readCallback,
  staffPagePath,
  startSignIn,
} from './hosted-sign-in.ts';
import type { PageText } from './page-text.ts';

/** Shared by the organizer and check-in pages, per browser tab, forgotten when the tab closes. */
const storageKey = 'wuzhen.staffToken';
/** Why the last hosted sign-in failed, for the page it started from to say. */
const failureKey = 'wuzhen.signInFailure';
/** The page to go back to after the hosted UI's sign-out. */
const returnKey = 'wuzhen.signOutReturn';

interface Claims {
  roles: string[];
  expiresAt?: string;
}

/**
 * What the token says about itself, only to tell the reader who they signed in as: the API checks
 * the signature and decides what the token may do.
 */
function claimsOf(token: string): Claims {
  try {
    const payload = JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/')));
    const groups: unknown = payload['cognito:groups'];
    return {
      roles: Array.isArray(groups) ? groups.map(String) : [],
      expiresAt: typeof payload.exp === 'number' ? new Date(payload.exp * 1000).toISOString() : undefined,
    };
  } catch {
    return { roles: [] };
  }
}

export interface StaffSession {
  /** Forgets the token and asks for another, saying why. */
  signOut(reason?: string): void;
}

export interface SignInOptions {
  text: PageText<KeyWithPrefix<'session.'>>;
  onSignIn(token: string): void;
  onSignOut(): void;
}

/**
 * Leaves for the staff page a return address names, unless it names no staff page of this site
 * (the address bar and sessionStorage can hold anything) or the page already open. Says whether
 * it left.
 */
function goBackTo(candidate: string | null): boolean {
  const page = staffPagePath(candidate, location.origin);
  if (!page || page === location.pathname) return false;
  location.replace(page);
  return true;
}

/** Takes a value out of this tab's sessionStorage: it is used once. */
function take(key: string): string | null {
  const value = sessionStorage.getItem(key);
  sessionStorage.removeItem(key);
  return value;
}

/**
 * Wires the sign-in form and the session bar of StaffSignIn.astro. Where the deployment configures
 * the hosted sign-in (/auth-config.json), it comes first and the token form folds away.
 */
export function setUpSignIn({ text: { t, locale }, onSignIn, onSignOut }: SignInOptions): StaffSession {
  const section = byId('sign-in');
  const form = byId<HTMLFormElement>('sign-in-form');
  const field = byId<HTMLTextAreaElement>('staff-token');
  const error = byId('staff-token-error');
  const bar = byId('session-bar');
  const hosted = byId('hosted-sign-in');
  const hostedButton = byId<HTMLButtonElement>('hosted-sign-in-button');
  const toggle = byId<HTMLButtonElement>('token-toggle');
  const config = loadAuthConfig();

  /** A message on the token field, or above the hosted sign-in button while the form is folded. */
  function showError(message: string, onField = !form.hidden): void {
    error.textContent = onField ? message : '';
    byId('hosted-sign-in-error').textContent = onField ? '' : message;
    if (message && onField) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
  }

  function signIn(token: string): void {
    const { roles, expiresAt } = claimsOf(token);
    const names = roles.map((role) => (isRole(role) ? t(`session.role.${role}`) : role));
    const who = t('session.role', { role: names.join(', ') || '?' });
    byId('session-who').textContent = expiresAt
      ? `${who} · ${t('session.expires', { time: formatClock(locale, expiresAt) })}`
      : who;
    section.hidden = true;
    bar.hidden = false;
    onSignIn(token);
  }

  function signOut(reason = ''): void {
    sessionStorage.removeItem(storageKey);
    bar.hidden = true;
    section.hidden = false;
    form.reset();
    showError(reason);
    onSignOut();
    (form.hidden ? hostedButton : field).focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = field.value.replace(/\s+/g, '');
    if (!token) return showError(t('session.empty'), true);
    if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) return showError(t('session.malformed'), true);
    showError('', true);
    sessionStorage.setItem(storageKey, token);
    signIn(token);
  });
  byId('sign-out').addEventListener('click', async () => {
    signOut();
    // The hosted UI's session ends too, so that the next person at this device signs in as themselves.
    const hostedConfig = await config;
    if (!hostedConfig) return;
    const page = staffPagePath(location.pathname, location.origin);
    if (page) sessionStorage.setItem(returnKey, page);
    location.assign(logoutUrl(hostedConfig, `${location.origin}/organizer/`));
  });
  hostedButton.addEventListener('click', () => void config.then((found) => found && startSignIn(found)));
  toggle.addEventListener('click', () => {
    form.hidden = !form.hidden;
    toggle.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) field.focus();
  });

  async function start(): Promise<void> {
    const callback = readCallback(location.search);
    // Back from the hosted UI's sign-out, which always returns to the English organizer page.
    const back = take(returnKey);
    if (!callback && goBackTo(back)) return;
    // A tab already signed in opens at once; the sign-in section waits for the configuration.
    const stored = callback ? null : sessionStorage.getItem(storageKey);
    if (stored) signIn(stored);
    const hostedConfig = await config;
    if (hostedConfig) {
      // A refusal that came in before the configuration moves with the form folding away.
      const shown = error.textContent ?? '';
      hosted.hidden = false;
      form.hidden = true;
      if (shown) showError(shown);
    }
    if (stored) return;
    if (hostedConfig && callback) {
      const { token, failure, returnTo } = await finishSignIn(hostedConfig, callback);
      const url = new URL(location.href);
      for (const name of ['code', 'state', 'error', 'error_description']) url.searchParams.delete(name);
      history.replaceState(history.state, '', url);
      if (token) sessionStorage.setItem(storageKey, token);
      if (failure) sessionStorage.setItem(failureKey, failure);
      // The callback is the English page: the page the sign-in started from signs in with the token.
      if (goBackTo(returnTo)) return;
    }
    const failure = take(failureKey);
    const token = sessionStorage.getItem(storageKey);
    if (token) return signIn(token);
    if (failure === 'refused' || failure === 'state' || failure === 'exchange') {
      showError(t(`session.failed.${failure}`));
    }
    section.hidden = false;
  }
  void start();
  return { signOut };
}
