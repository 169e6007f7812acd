import type { KeyWithPrefix } from '../i18n/ui.ts';
import { byId } from './dom.ts';
import { formatClock } from './format.ts';
import type { PageText } from './page-text.ts';

/** Shared by the organizer and check-in pages, per browser tab, forgotten when the tab closes. */
const storageKey = 'wuzhen.staffToken';

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

/** Wires the sign-in form and the session bar of StaffSignIn.astro. */
export function setUpSignIn({ text: { t, locale }, onSignIn, onSignOut }: SignInOptions): StaffSession {
  const section = byId('sign-in');
  const form = byId<HTMLFormElement>('sign-in-form');
  const field = byId<HTMLTextAreaElement>('staff-token');
  const error = byId('staff-token-error');
  const bar = byId('session-bar');

  function showError(message: string): void {
    error.textContent = message;
    if (message) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
  }

  function signIn(token: string): void {
    const { roles, expiresAt } = claimsOf(token);
    const names = roles.map((role) =>
      role === 'organizer' || role === 'checkin' ? t(`session.role.${role}`) : role,
    );
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
    field.focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = field.value.replace(/\s+/g, '');
    if (!token) return showError(t('session.empty'));
    if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) return showError(t('session.malformed'));
    showError('');
    sessionStorage.setItem(storageKey, token);
    signIn(token);
  });
  byId('sign-out').addEventListener('click', () => signOut());

  const stored = sessionStorage.getItem(storageKey);
  if (stored) signIn(stored);
  else section.hidden = false;
  return { signOut };
}
