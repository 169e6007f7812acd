import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { headerName, type RouteDeclaration, type ValidRequest } from '../contract/route.ts';
import type { StaffAudit } from '../domain/audit.ts';
import type { ApiFunction, Contract, RouteKey } from '../routes.ts';
import { StoreUnavailableError } from '../store/store-errors.ts';
import { logEvent } from './log.ts';
import { parseJsonBody } from './request-body.ts';
import { type HttpResult, invalid, notFound, problem, serviceUnavailable } from './response.ts';
import { requireRole } from './roles.ts';
import { requestAudit, type StaffAuditDependencies } from './staff-audit.ts';
import { fieldErrors } from './validation-errors.ts';

/**
 * A route's code: it runs only once every part of the request matched the route's declaration. A
 * staff route (one that declares `audit`) gets its request's audit, and must make one entry with it.
 */
export type Route<K extends RouteKey> = (
  request: ValidRequest<Contract[K]>,
  event: APIGatewayProxyEventV2,
  audit: Contract[K] extends { audit: string } ? StaffAudit : undefined,
) => Promise<HttpResult>;

/** The routes one function serves, each typed by its declaration. */
export type Routes<F extends ApiFunction> = {
  [K in RouteKey as Contract[K]['function'] extends F ? K : never]: Route<K>;
};

type AnyRoutes = { [K in RouteKey]?: Route<K> };
/** A function's own part of the contract: the declarations of the routes it serves. */
type Declarations = { [K in RouteKey]?: Contract[K] };
type AnyRoute = (
  request: ValidRequest<Contract[RouteKey]>,
  event: APIGatewayProxyEventV2,
  audit: StaffAudit | undefined,
) => Promise<HttpResult>;

/**
 * Checks a request against its route's declaration before the route's code runs: roles, path
 * parameters, query, headers, then the body. The first part at fault answers 400 naming each field.
 */
function validate(
  declaration: RouteDeclaration,
  event: APIGatewayProxyEventV2,
): HttpResult | ValidRequest<Contract[RouteKey]> {
  if (declaration.roles) {
    const refused = requireRole(event, declaration.roles);
    if (refused) return refused;
  }
  const parts: Record<'path' | 'query' | 'headers', unknown> = { path: {}, query: {}, headers: {} };
  const checks = [
    ['path', declaration.pathParameters, event.pathParameters, 'The path is not valid.', 'parameter'],
    [
      'query',
      declaration.query,
      event.queryStringParameters,
      'Some query parameters are not valid.',
      'parameter',
    ],
    ['headers', declaration.headers, event.headers, 'Some headers are not valid.', 'header'],
  ] as const;
  for (const [part, schema, value, detail, noun] of checks) {
    if (!schema) continue;
    const parsed = schema.safeParse(value ?? {});
    if (!parsed.success) {
      const name = noun === 'header' ? headerName : undefined;
      return invalid(detail, fieldErrors(parsed.error.issues, `(${part})`, noun, name));
    }
    parts[part] = parsed.data;
  }
  if (declaration.body) {
    const body = parseJsonBody(event, declaration.body.schema, declaration.body.maxBytes);
    if (!body.ok) return body.result;
    return { ...parts, body: body.value, rawBody: body.raw } as unknown as ValidRequest<Contract[RouteKey]>;
  }
  return { ...parts, body: undefined, rawBody: '' } as unknown as ValidRequest<Contract[RouteKey]>;
}

/**
 * A Lambda entry point over several routes (keyed by the HTTP API route key). Validates each request
 * against its declaration, turns a database fault into 503 with retry-after and any other failure
 * into a 500 that reveals nothing. It is given only its own routes' declarations, so a function
 * loads only its part of the contract.
 */
export function routeHandler(
  declarations: Declarations,
  routes: AnyRoutes,
  staffAudit?: StaffAuditDependencies,
) {
  const declarationOf = (key: string): RouteDeclaration | undefined =>
    Object.hasOwn(declarations, key) ? declarations[key as RouteKey] : undefined;
  for (const key of Object.keys(routes) as RouteKey[]) {
    const declaration = declarationOf(key);
    if (!declaration) throw new Error(`${key} is served without its declaration`);
    if (declaration.roles && !declaration.audit)
      throw new Error(`${key} is a staff route without an audit action`);
    if (declaration.audit && !staffAudit) throw new Error(`${key} is audited, but no audit trail was given`);
  }
  return async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
    const key = event.routeKey;
    const declaration = declarationOf(key);
    const route = declaration && (routes[key as RouteKey] as AnyRoute | undefined);
    if (!declaration || !route) return notFound(`No route for ${key}.`);
    try {
      const request = validate(declaration, event);
      if ('statusCode' in request) return request;
      const action = declaration.audit;
      if (!action || !staffAudit) return await route(request, event, undefined);
      const audit = await requestAudit(event, action, staffAudit);
      const result = await route(request, event, audit);
      if (audit.used) return result;
      logEvent('error', 'staff route made no audit entry', { routeKey: key });
      return problem({ kind: 'internal-error', detail: 'Something went wrong on our side.' });
    } catch (error) {
      const name = error instanceof Error ? error.name : typeof error;
      if (error instanceof StoreUnavailableError) {
        const cause = error.cause instanceof Error ? error.cause.name : name;
        logEvent('warn', 'database unavailable', { routeKey: key, error: cause });
        return serviceUnavailable('The database did not answer in time. Please try again.');
      }
      logEvent('error', 'unhandled error', { routeKey: key, error: name });
      return problem({ kind: 'internal-error', detail: 'Something went wrong on our side.' });
    }
  };
}
