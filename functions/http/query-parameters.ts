import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { type HttpResult, problem } from './response.ts';

/** Validates the query string; a 400 names every bad or unknown parameter. */
export function parseQuery<S extends z.ZodType>(
  event: APIGatewayProxyEventV2,
  schema: S,
): { ok: true; value: z.output<S> } | { ok: false; result: HttpResult } {
  const query = schema.safeParse(event.queryStringParameters ?? {});
  if (query.success) return { ok: true, value: query.data };
  const errors = query.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: key, message: 'is not a parameter this API accepts' }))
      : [{ path: issue.path.join('.') || '(query)', message: issue.message }],
  );
  return {
    ok: false,
    result: problem({
      status: 400,
      title: 'Bad Request',
      detail: 'Some query parameters are not valid.',
      errors,
    }),
  };
}
