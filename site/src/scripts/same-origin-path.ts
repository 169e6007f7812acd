/**
 * Return addresses (the page to go back to after a sign-in or a sign-out) come from the address
 * bar, from sessionStorage and from the OAuth state, all of which a visitor or an attacker can
 * shape: `//evil.example/..%2Forganizer/` is a path of this site to the server and another host to
 * `location.replace`. Every return address goes through here before it is kept or followed.
 */

/**
 * Characters a browser drops or reads as a separator while parsing (C0 controls, DEL), a backslash
 * (read as a slash in http URLs), and percent-encoded slashes and backslashes (decoded by servers
 * after the browser has decided what the path is).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const ambiguous = /[\u0000-\u001f\u007f\\]|%(?:2f|5c)/i;

/**
 * The path (with its query and fragment) of this site that a candidate return address names, or
 * undefined when it names anything else or anything a browser and a server could read differently.
 * Accepts a path ("/zh/organizer/") or an absolute URL of `origin` itself; refuses protocol-relative
 * addresses, other schemes (`javascript:`), other origins, backslashes, encoded slashes and controls.
 */
export function sameOriginPath(candidate: string | null | undefined, origin: string): string | undefined {
  if (!candidate || ambiguous.test(candidate)) return;
  const isPath = candidate.startsWith('/') && !candidate.startsWith('//');
  if (!isPath && !candidate.startsWith(`${origin}/`)) return;
  try {
    const url = new URL(candidate, origin);
    if (url.origin !== origin) return;
    return url.pathname + url.search + url.hash;
  } catch {
    return;
  }
}
