import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod/mini';
import type { MediaUpload } from '../contract/route.ts';
import { type HttpResult, invalid, problem } from './response.ts';
import { fieldErrors } from './validation-errors.ts';

export type Parsed<T> = { ok: true; value: T; raw: string } | { ok: false; result: HttpResult };

const isJson = (contentType: string) => /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType);
const isForm = (contentType: string) => /^application\/x-www-form-urlencoded\s*(?:;|$)/i.test(contentType);

const bodyBytes = (event: APIGatewayProxyEventV2) =>
  event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);

const tooLarge = (maxBytes: number) =>
  fail(problem({ kind: 'content-too-large', detail: `The body may be at most ${maxBytes} bytes.` }));

/**
 * Reads a JSON body (or, where the route reads forms with `form`, a form-encoded one turned into the
 * JSON shape) and validates it. Each failure says what is wrong: 413 too large, 415 neither JSON nor
 * a form it takes, 400 malformed or invalid, with every bad field named in `errors`.
 */
export function parseJsonBody<S extends z.ZodMiniType>(
  event: APIGatewayProxyEventV2,
  schema: S,
  maxBytes: number,
  form?: (text: string) => unknown,
): Parsed<z.output<S>> {
  const contentType = event.headers['content-type'] ?? '';
  const formEncoded = form !== undefined && isForm(contentType);
  if (!isJson(contentType) && !formEncoded) {
    const accepted = form ? 'application/json or application/x-www-form-urlencoded' : 'application/json';
    return fail(problem({ kind: 'unsupported-media-type', detail: `Send the body as ${accepted}.` }));
  }
  const bytes = bodyBytes(event);
  if (bytes.length > maxBytes) {
    return tooLarge(maxBytes);
  }
  // API Gateway hands a text body over already decoded, invalid bytes replaced by U+FFFD: refuse
  // both, so a mangled name or e-mail is never stored.
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    raw = '\uFFFD';
  }
  if (raw.includes('\uFFFD')) return malformed('The body is not valid UTF-8.');
  let document: unknown;
  try {
    document = formEncoded ? form(raw) : JSON.parse(raw);
  } catch {
    return malformed('The body is not valid JSON.');
  }
  const result = schema.safeParse(document);
  if (!result.success) {
    return fail(invalid('Some fields are not valid.', fieldErrors(result.error.issues, '(body)', 'field')));
  }
  return { ok: true, value: result.data, raw };
}

/**
 * Reads a raw body of one of the declared types (a photo's bytes): 415 for another type, 413 over
 * `maxBytes`. What the bytes are is the route's to check.
 */
export function readMediaBody(
  event: APIGatewayProxyEventV2,
  types: readonly string[],
  maxBytes: number,
): Parsed<MediaUpload> {
  const type = (event.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!types.includes(type)) {
    return fail(problem({ kind: 'unsupported-media-type', detail: `Send the body as ${types.join(', ')}.` }));
  }
  const bytes = bodyBytes(event);
  if (bytes.length > maxBytes) return tooLarge(maxBytes);
  return { ok: true, value: { type, bytes: new Uint8Array(bytes) }, raw: '' };
}

const fail = (result: HttpResult): Parsed<never> => ({ ok: false, result });

const malformed = (detail: string) => fail(problem({ kind: 'malformed-request', detail }));
