import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type ProblemKind, problemKinds, problemType } from '../contract/problems.ts';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number };

const jsonType = 'application/json; charset=utf-8';
const problemMediaType = 'application/problem+json; charset=utf-8';

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { 'content-type': jsonType, ...headers }, body: JSON.stringify(body) };
}

export interface FieldError {
  path: string;
  message: string;
}

export interface ProblemDetails {
  kind: ProblemKind;
  detail: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

/** An RFC 9457 problem document; its kind (functions/contract/problems.ts) gives type, status and title. */
export function problem({ kind, detail, errors, headers = {} }: ProblemDetails): HttpResult {
  const { status, title } = problemKinds[kind];
  const body = { type: problemType(kind), title, status, detail, ...(errors ? { errors } : {}) };
  return {
    statusCode: status,
    headers: { 'content-type': problemMediaType, ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * The answer as sent: it names its request in `x-request-id`, and a problem says it in its body too,
 * so a person who reports one gives what finds its log lines.
 */
export function answerWithRequestId(result: HttpResult, requestId: string): HttpResult {
  const headers = { ...result.headers, 'x-request-id': requestId };
  const isProblem = String(result.headers?.['content-type'] ?? '').startsWith('application/problem+json');
  if (!isProblem || result.body === undefined) return { ...result, headers };
  return { ...result, headers, body: JSON.stringify({ ...JSON.parse(result.body), requestId }) };
}

export const notFound = (detail: string) => problem({ kind: 'not-found', detail });

export const serviceUnavailable = (detail: string) =>
  problem({ kind: 'service-unavailable', detail, headers: { 'retry-after': '1' } });

/** 400 naming each field at fault. */
export const invalid = (detail: string, errors: FieldError[]) =>
  problem({ kind: 'validation', detail, errors });
