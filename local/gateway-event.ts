import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';

/** What the local server knows of one request, before API Gateway's shape is put on it. */
export interface LocalRequest {
  method: string;
  /** The request target as received: path and query, still percent-encoded. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
  httpVersion: string;
}

export interface MatchedRoute {
  routeKey: string;
  pathParameters: Record<string, string>;
}

// API Gateway hands these content types to the function as text and everything else as base64.
const textContentType =
  /^(text\/|application\/(json|[\w.+-]+\+json|xml|[\w.+-]+\+xml|x-www-form-urlencoded|javascript))/i;

/** Formats a Date the way requestContext.time does: "12/Mar/2020:19:03:58 +0000". */
function apiGatewayTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** Duplicate headers and query parameters are joined with commas, as payload format 2.0 does. */
function joinValues(entries: Iterable<[string, string]>): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const [name, value] of entries) {
    joined[name] = name in joined ? `${joined[name]},${value}` : value;
  }
  return joined;
}

export function toApiGatewayEvent(
  request: LocalRequest,
  route: MatchedRoute,
  now = new Date(),
): APIGatewayProxyEventV2 {
  const questionMark = request.url.indexOf('?');
  const rawPath = questionMark === -1 ? request.url : request.url.slice(0, questionMark);
  const rawQueryString = questionMark === -1 ? '' : request.url.slice(questionMark + 1);

  const headerEntries: Array<[string, string]> = [];
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    if (name === 'cookie') {
      cookies.push(
        ...values.flatMap((header) => header.split(';').map((cookie) => cookie.trim())).filter(Boolean),
      );
    } else {
      headerEntries.push(...values.map((each): [string, string] => [name.toLowerCase(), each]));
    }
  }
  const headers = joinValues(headerEntries);
  const query = joinValues(new URLSearchParams(rawQueryString).entries());
  const isText = request.body.length === 0 || textContentType.test(headers['content-type'] ?? '');
  const path = decodeURIComponent(rawPath);

  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(route.pathParameters).length ? { pathParameters: route.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method: request.method,
        path,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: apiGatewayTime(now),
      timeEpoch: now.getTime(),
    },
    ...(request.body.length ? { body: request.body.toString(isText ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: !isText,
  };
}

/**
 * Adds verified claims the way the HTTP API's JWT authorizer does: every value becomes a string,
 * and an array becomes "[a b]".
 */
export function withAuthorizerClaims(event: APIGatewayProxyEventV2, claims: Record<string, unknown>): void {
  const flattened = Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      Array.isArray(value) ? `[${value.join(' ')}]` : String(value),
    ]),
  );
  Object.assign(event.requestContext, { authorizer: { jwt: { claims: flattened, scopes: null } } });
}

export interface LocalResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** Maps a function's result back to HTTP the way API Gateway does, including its shorthand forms. */
export function fromApiGatewayResult(result: APIGatewayProxyResultV2): LocalResponse {
  if (typeof result === 'string' || !('statusCode' in result || 'body' in result || 'headers' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body = Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8');
  return { statusCode: result.statusCode ?? 200, headers, body };
}
