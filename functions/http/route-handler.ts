import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ValidRequest } from '../contract/route.ts';
import { type ApiFunction, type Contract, contract, isRouteKey, type RouteKey } from '../routes.ts';
import { isDatabaseUnavailable } from '../store/dynamodb/errors.ts';
import { logEvent } from './log.ts';
import { parseJsonBody } from './request-body.ts';
import { type HttpResult, invalid, notFound, problem, serviceUnavailable } from './response.ts';
import { requireRole } from './roles.ts';
import { fieldErrors } from './validation-errors.ts';

/** A route's code: it runs only once every part of the request matched the route's declaration. */
export type Route<K extends RouteKey> = (
  request: ValidRequest<Contract[K]>,
  event: APIGatewayProxyEventV2,
) => Promise<HttpResult>;

/** The routes one function serves, each typed by its declaration. */
export type Routes<F extends ApiFunction> = {
  [K in RouteKey as Contract[K]['function'] extends F ? K : never]: Route<K>;
};

type AnyRoutes = { [K in RouteKey]?: Route<K> };

/** "idempotency-key" → "Idempotency-Key": headers are named in errors as clients write them. */
const headerName = (name: string) =>
  name.replace(/(^|-)([a-z])/g, (_, dash, letter) => dash + letter.toUpperCase());

/**
 * Checks a request against its route's declaration before the route's code runs: roles, path
 * parameters, query, headers, then the body. The first part at fault answers 400 naming each field.
 */
function validate(
  key: RouteKey,
  event: APIGatewayProxyEventV2,
): HttpResult | ValidRequest<Contract[RouteKey]> {
  const declaration = contract[key];
  if ('roles' in declaration) {
    const refused = requireRole(event, declaration.roles);
    if (refused) return refused;
  }
  const parts: Record<'path' | 'query' | 'headers', unknown> = { path: {}, query: {}, headers: {} };
  if ('pathParameters' in declaration) {
    const path = declaration.pathParameters.safeParse(event.pathParameters ?? {});
    if (!path.success)
      return invalid('The path is not valid.', fieldErrors(path.error.issues, '(path)', 'parameter'));
    parts.path = path.data;
  }
  if ('query' in declaration) {
    const query = declaration.query.safeParse(event.queryStringParameters ?? {});
    if (!query.success) {
      return invalid(
        'Some query parameters are not valid.',
        fieldErrors(query.error.issues, '(query)', 'parameter'),
      );
    }
    parts.query = query.data;
  }
  if ('headers' in declaration) {
    const headers = declaration.headers.safeParse(event.headers ?? {});
    if (!headers.success) {
      return invalid(
        'Some headers are not valid.',
        fieldErrors(headers.error.issues, '(headers)', 'header', headerName),
      );
    }
    parts.headers = headers.data;
  }
  if ('body' in declaration) {
    const body = parseJsonBody(event, declaration.body.schema, declaration.body.maxBytes);
    if (!body.ok) return body.result;
    return { ...parts, body: body.value, rawBody: body.raw } as unknown as ValidRequest<Contract[RouteKey]>;
  }
  return { ...parts, body: undefined, rawBody: '' } as unknown as ValidRequest<Contract[RouteKey]>;
}

/**
 * A Lambda entry point over several routes (keyed by the HTTP API route key). Validates each request
 * against the contract, turns a database fault into 503 with retry-after and any other failure into
 * a 500 that reveals nothing.
 */
export function routeHandler(routes: AnyRoutes) {
  return async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
    const key = event.routeKey;
    const route = isRouteKey(key) ? (routes[key] as Route<RouteKey> | undefined) : undefined;
    if (!route || !isRouteKey(key)) return notFound(`No route for ${key}.`);
    try {
      const request = validate(key, event);
      if ('statusCode' in request) return request;
      return await route(request, event);
    } catch (error) {
      const name = error instanceof Error ? error.name : typeof error;
      if (isDatabaseUnavailable(error)) {
        logEvent('warn', 'database unavailable', { routeKey: key, error: name });
        return serviceUnavailable('The database did not answer in time. Please try again.');
      }
      logEvent('error', 'unhandled error', { routeKey: key, error: name });
      return problem({ kind: 'internal-error', detail: 'Something went wrong on our side.' });
    }
  };
}
