import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { headerName, type RouteDeclaration, type ValidRequest } from '../contract/route.ts';
import type { StaffAudit } from '../domain/audit.ts';
import type { ApiFunction, Contract, RouteKey } from '../routes.ts';
import { StoreUnavailableError } from '../store/store-errors.ts';
import { inRequest } from '../telemetry/correlation.ts';
import { logger, metricNames, metrics } from '../telemetry/telemetry.ts';
import { parseJsonBody, readMediaBody } from './request-body.ts';
import {
  answerWithRequestId,
  type HttpResult,
  invalid,
  notFound,
  problem,
  serviceUnavailable,
} from './response.ts';
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
  audit: Contract[K] extends { audit: string | readonly string[] } ? StaffAudit : undefined,
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
    const declared = declaration.body;
    const body =
      'types' in declared
        ? readMediaBody(event, declared.types, declared.maxBytes)
        : parseJsonBody(event, declared.schema, declared.maxBytes, declared.form);
    if (!body.ok) return body.result;
    return { ...parts, body: body.value, rawBody: body.raw } as unknown as ValidRequest<Contract[RouteKey]>;
  }
  return { ...parts, body: undefined, rawBody: '' } as unknown as ValidRequest<Contract[RouteKey]>;
}

/** What the request line says beyond the answer's status, when the answer is a failure. */
interface Failure {
  level: 'warn' | 'error';
  message: string;
  error?: unknown;
}

interface Served {
  result: HttpResult;
  failure?: Failure;
}

const internalError = () => problem({ kind: 'internal-error', detail: 'Something went wrong on our side.' });

/**
 * A Lambda entry point over several routes (keyed by the HTTP API route key). Validates each request
 * against its declaration, turns a database fault into 503 with retry-after and any other failure
 * into a 500 that reveals nothing. It is given only its own routes' declarations, so a function
 * loads only its part of the contract. Each request gives one log line (its route, function, cold
 * start, latency and status; a failure's error with its stack), each 500 one unhandled-error
 * metric, and each answer its request id (`answerWithRequestId`).
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
  const serve = async (event: APIGatewayProxyEventV2): Promise<Served> => {
    const key = event.routeKey;
    const declaration = declarationOf(key);
    const route = declaration && (routes[key as RouteKey] as AnyRoute | undefined);
    if (!declaration || !route) return { result: notFound(`No route for ${key}.`) };
    try {
      const request = validate(declaration, event);
      if ('statusCode' in request) return { result: request };
      const action = declaration.audit;
      if (!action || !staffAudit) return { result: await route(request, event, undefined) };
      const audit = await requestAudit(event, action, staffAudit);
      const result = await route(request, event, audit);
      if (audit.used) return { result };
      return {
        result: internalError(),
        failure: { level: 'error', message: 'staff route made no audit entry' },
      };
    } catch (error) {
      if (error instanceof StoreUnavailableError) {
        const cause = error.cause instanceof Error ? error.cause.name : error.name;
        return {
          result: serviceUnavailable('The database did not answer in time. Please try again.'),
          failure: { level: 'warn', message: 'database unavailable', error: cause },
        };
      }
      return { result: internalError(), failure: { level: 'error', message: 'unhandled error', error } };
    }
  };
  // In Lambda one environment serves one invocation at a time: its first is the cold one.
  let coldStart = true;
  return async (event: APIGatewayProxyEventV2, context?: Context): Promise<HttpResult> => {
    const started = performance.now();
    const requestId = event.requestContext.requestId;
    const cold = coldStart;
    coldStart = false;
    return inRequest(requestId, async () => {
      try {
        const { result, failure } = await serve(event);
        logger[failure?.level ?? 'info'](failure?.message ?? 'request', {
          ...(context ? { awsRequestId: context.awsRequestId } : {}),
          routeKey: event.routeKey,
          function: context?.functionName ?? declarationOf(event.routeKey)?.function,
          coldStart: cold,
          latencyMs: Math.round(performance.now() - started),
          status: result.statusCode,
          ...(failure?.error === undefined ? {} : { error: failure.error }),
        });
        if (result.statusCode === 500) metrics.addMetric(metricNames.unhandledErrors, MetricUnit.Count, 1);
        return answerWithRequestId(result, requestId);
      } finally {
        // Every invocation publishes what it measured (the routes' business metrics too); an empty
        // buffer is left alone, as publishing it would only log Powertools' "no metrics" warning.
        if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      }
    });
  };
}
