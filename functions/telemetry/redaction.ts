/**
 * The guard that keeps personal data out of log lines, whatever a caller passes: values under a
 * personal key are replaced, and inside any other string whatever looks like an e-mail address, a
 * phone number, a manage token, a JWT or a proof-of-work solution is replaced too. Names and
 * organisations have no shape, so they are caught by key only: callers log identifiers, not people.
 */

export const redacted = '[redacted]';

/** Keys whose values are personal or secret, compared lower-case without `-` and `_`. */
const personalKeys = new Set([
  'name',
  'fullname',
  'email',
  'emailaddress',
  'to',
  'organization',
  'organisation',
  'jobtitle',
  'dietary',
  'phone',
  'phonenumber',
  'mobile',
  'managetoken',
  'manageurl',
  'token',
  'accesstoken',
  'idtoken',
  'authorization',
  'cookie',
  'cookies',
  'altcha',
  'solution',
  'body',
  'rawbody',
  'q',
]);

export const isPersonalKey = (key: string) => personalKeys.has(key.toLowerCase().replaceAll(/[-_]/g, ''));

/** Shapes of personal or secret values inside any text. */
const personalPatterns = [
  // E-mail addresses (internationalised ones too).
  /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu,
  // JWTs and proof-of-work solutions (base64 JSON): both start with the encoding of `{"`.
  /eyJ[\w+/=.-]{8,}/g,
  // Manage tokens: 32 random bytes, base64url.
  /(?<![\w-])[\w-]{43}(?![\w-])/g,
  // Phone numbers in international form.
  /\+\d[\d\s().-]{6,}\d/g,
];

export function redactText(text: string): string {
  return personalPatterns.reduce((safe, pattern) => safe.replace(pattern, redacted), text);
}

/** An error as the logger shows it: name, message, stack, cause and its own fields. */
export type FormatError = (error: Error) => Record<string, unknown>;

/** Keys of a formatted error that are never personal: the kind of error and where it was thrown. */
const errorShapeKeys = new Set(['name', 'location']);

/** A copy of `value` without personal data; errors are formatted first so their text is checked. */
export function redact(value: unknown, formatError: FormatError, key?: string, depth = 0): unknown {
  if (key !== undefined && isPersonalKey(key)) return redacted;
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 16) return redacted;
  if (value instanceof Error) {
    return Object.fromEntries(
      Object.entries(formatError(value)).map(([field, part]) => [
        field,
        errorShapeKeys.has(field) ? part : redact(part, formatError, field, depth + 1),
      ]),
    );
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, formatError, undefined, depth + 1));
  if (value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).map(([field, part]) => [field, redact(part, formatError, field, depth + 1)]),
  );
}
