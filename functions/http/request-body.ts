import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod/mini';
import { type HttpResult, invalid, problem } from './response.ts';
import { fieldErrors } from './validation-errors.ts';

export type Parsed<T> = { ok: true; value: T; raw: string } | { ok: false; result: HttpResult };

/**
 * Reads a JSON body and validates it. Each failure says what is wrong: 413 too large, 415 not JSON,
 * 400 malformed or invalid, with every bad field named in `errors`.
 */
export function parseJsonBody<S extends z.ZodMiniType>(
  event: APIGatewayProxyEventV2,
  schema: S,
  maxBytes: number,
): Parsed<z.output<S>> {
  const contentType = event.headers['content-type'] ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType)) {
    return fail(problem({ kind: 'unsupported-media-type', detail: 'Send the body as application/json.' }));
  }
  const bytes = event.body
    ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  if (bytes.length > maxBytes) {
    return fail(problem({ kind: 'content-too-large', detail: `The body may be at most ${maxBytes} bytes.` }));
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
    document = JSON.parse(raw);
  } catch {
    return malformed('The body is not valid JSON.');
  }
  const result = schema.safeParse(document);
  if (!result.success) {
    return fail(invalid('Some fields are not valid.', fieldErrors(result.error.issues, '(body)', 'field')));
  }
  return { ok: true, value: result.data, raw };
}

const fail = (result: HttpResult): Parsed<never> => ({ ok: false, result });

const malformed = (detail: string) => fail(problem({ kind: 'malformed-request', detail }));
