import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number };

const jsonType = 'application/json; charset=utf-8';
const problemType = 'application/problem+json; charset=utf-8';

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { 'content-type': jsonType, ...headers }, body: JSON.stringify(body) };
}

export interface FieldError {
  path: string;
  message: string;
}

export interface ProblemDetails {
  status: number;
  title: string;
  detail: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

/** An RFC 9457 problem document. */
export function problem({ status, title, detail, errors, headers = {} }: ProblemDetails): HttpResult {
  const body = { type: 'about:blank', title, status, detail, ...(errors ? { errors } : {}) };
  return {
    statusCode: status,
    headers: { 'content-type': problemType, ...headers },
    body: JSON.stringify(body),
  };
}

export const notFound = (detail: string) => problem({ status: 404, title: 'Not Found', detail });

export const serviceUnavailable = (detail: string) =>
  problem({ status: 503, title: 'Service Unavailable', detail, headers: { 'retry-after': '1' } });
