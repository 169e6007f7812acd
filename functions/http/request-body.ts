import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { type HttpResult, problem } from './response.ts';

export type Parsed<T> = { ok: true; value: T; raw: string } | { ok: false; result: HttpResult };

/**
 * Reads a JSON body and validates it. Each failure says what is wrong: 413 too large, 415 not JSON,
 * 400 malformed or invalid, with every bad field named in `errors`.
 */
export function parseJsonBody<S extends z.ZodType>(
  event: APIGatewayProxyEventV2,
  schema: S,
  maxBytes: number,
): Parsed<z.output<S>> {
  const contentType = event.headers['content-type'] ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType)) {
    return fail(415, 'Unsupported Media Type', 'Send the body as application/json.');
  }
  const bytes = event.body
    ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  if (bytes.length > maxBytes) {
    return fail(413, 'Content Too Large', `The body may be at most ${maxBytes} bytes.`);
  }
  // API Gateway hands a text body over already decoded, invalid bytes replaced by U+FFFD: refuse
  // both, so a mangled name or e-mail is never stored.
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    raw = '\uFFFD';
  }
  if (raw.includes('\uFFFD')) return fail(400, 'Bad Request', 'The body is not valid UTF-8.');
  let document: unknown;
  try {
    document = JSON.parse(raw);
  } catch {
    return fail(400, 'Bad Request', 'The body is not valid JSON.');
  }
  const result = schema.safeParse(document);
  if (!result.success) {
    const errors = result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({
            path: [...issue.path, key].join('.'),
            message: 'is not a field this API accepts',
          }))
        : [{ path: issue.path.join('.') || '(body)', message: issue.message }],
    );
    return {
      ok: false,
      result: problem({ status: 400, title: 'Bad Request', detail: 'Some fields are not valid.', errors }),
    };
  }
  return { ok: true, value: result.data, raw };
}

function fail(status: number, title: string, detail: string): Parsed<never> {
  return { ok: false, result: problem({ status, title, detail }) };
}
