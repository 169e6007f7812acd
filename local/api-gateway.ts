import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { bearerToken } from '../functions/http/request-info.ts';
import { answerWithRequestId, type HttpResult, notFound, problem } from '../functions/http/response.ts';
import { type ApiFunction, apiFunctions, apiRoutes, routeKey } from '../functions/routes.ts';
import type { AnswerRecorder } from './answer-recorder.ts';
import { concurrencyGate } from './concurrency-gate.ts';
import {
  fromApiGatewayResult,
  type MatchedRoute,
  toApiGatewayEvent,
  withAuthorizerClaims,
} from './gateway-event.ts';

type LambdaHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;

/** API Gateway's own limit on a request's payload. */
const maxBodyBytes = 10 * 1024 * 1024;
const projectRoot = join(import.meta.dirname, '..');

export type RouteMatch =
  | { route: MatchedRoute; function: ApiFunction; authorized: boolean }
  | { allowed: string[] }
  | undefined;

/** Verifies a bearer token as API Gateway's JWT authorizer would, resolving its claims. */
export type TokenVerifier = (token: string) => Promise<Record<string, unknown>>;

/** Finds the route the way API Gateway does: literal segments match exactly, `{name}` one segment. */
export function matchRoute(method: string, rawPath: string): RouteMatch {
  const segments = rawPath.split('/');
  const allowed: string[] = [];
  for (const route of apiRoutes) {
    const template = route.path.split('/');
    if (template.length !== segments.length) continue;
    const pathParameters: Record<string, string> = {};
    const matches = template.every((part, index) => {
      const segment = segments[index] ?? '';
      if (part.startsWith('{') && part.endsWith('}')) {
        pathParameters[part.slice(1, -1)] = decodeURIComponent(segment);
        return segment !== '';
      }
      return part === segment;
    });
    if (!matches) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    return {
      route: { routeKey: routeKey(route), pathParameters },
      function: route.function,
      authorized: route.authorized === true,
    };
  }
  return allowed.length ? { allowed } : undefined;
}

/** The body; 'too-large' past API Gateway's limit; 'aborted' when the client went away before sending all of it. */
async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large' | 'aborted'> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBodyBytes) return 'too-large';
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (req.readableAborted) return 'aborted';
    throw error;
  }
  return Buffer.concat(chunks);
}

/** Calls an API function's handler with an event, as API Gateway's Lambda integration does. */
export type FunctionInvoker = (
  fn: ApiFunction,
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyResultV2>;

/** The handlers from their TypeScript sources, each imported on its first request (`npm start`). */
function sourceFunctions(): FunctionInvoker {
  const handlers = new Map<ApiFunction, Promise<LambdaHandler>>();
  return async (fn, event) => {
    let handler = handlers.get(fn);
    if (!handler) {
      const url = pathToFileURL(join(projectRoot, apiFunctions[fn])).href;
      handler = import(url).then((module: { handler: LambdaHandler }) => module.handler);
      handlers.set(fn, handler);
    }
    return (await handler)(event);
  };
}

/** Like a function's reserved concurrency: what DynamoDB Local on a small machine serves well. */
export const functionConcurrency = { maxConcurrent: 8, maxWaitMs: 600 };

export const throttled = () =>
  problem({
    kind: 'service-unavailable',
    detail: 'The portal is busy; please try again.',
    headers: { 'retry-after': '1' },
  });

/**
 * Serves /api/* with the Lambda handlers (`invoke`: their sources unless told otherwise), shaping
 * each request as API Gateway's HTTP API would.
 * `recordAnswer` is given only when tests run (local/answer-recorder.ts): every answer, the
 * gateway's own included, is then recorded for checking against the contract.
 */
export function createApiGateway(
  verifyToken: TokenVerifier,
  recordAnswer?: AnswerRecorder,
  invoke: FunctionInvoker = sourceFunctions(),
) {
  const gates = new Map(Object.keys(apiFunctions).map((fn) => [fn, concurrencyGate(functionConcurrency)]));

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const rawPath = url.split('?')[0] ?? '/';
    let answeredRoute: string | null = null;
    let requestBody: Buffer | undefined;
    const send = (result: APIGatewayProxyResultV2, byGateway = false) => {
      const response = fromApiGatewayResult(result);
      recordAnswer?.(
        {
          ...(byGateway ? { byGateway: true as const } : {}),
          routeKey: answeredRoute,
          method: req.method ?? 'GET',
          path: rawPath,
          status: response.statusCode,
          headers: Object.fromEntries(
            Object.entries(response.headers).map(([name, value]) => [name, String(value)]),
          ),
        },
        response.body,
        { url, authorization: req.headers.authorization, body: requestBody },
      );
      res.writeHead(response.statusCode, response.headers);
      res.end(response.body);
    };
    // The gateway's own answers name a request id of their own, as the functions' answers do.
    const answer = (result: HttpResult, requestId: string = randomUUID()) =>
      send(answerWithRequestId(result, requestId), true);
    let match: RouteMatch;
    try {
      match = matchRoute(req.method ?? 'GET', rawPath);
    } catch {
      return answer(
        problem({ kind: 'malformed-request', detail: 'The path is not validly percent-encoded.' }),
      );
    }
    if (!match) return answer(notFound(`No API route matches ${rawPath}.`));
    if ('allowed' in match) {
      const allowed = match.allowed;
      return answer(
        problem({
          kind: 'method-not-allowed',
          detail: `Use ${allowed.join(' or ')}.`,
          headers: { allow: allowed.join(', ') },
        }),
      );
    }
    answeredRoute = match.route.routeKey;
    const body = await readBody(req);
    // Nobody is left to answer, and nothing of ours failed: API Gateway drops such a request too.
    if (body === 'aborted') return;
    if (body === 'too-large') {
      return answer(problem({ kind: 'content-too-large', detail: 'The body is larger than 10 MB.' }));
    }
    requestBody = body;

    const event = toApiGatewayEvent(
      {
        method: req.method ?? 'GET',
        url,
        headers: req.headers,
        body,
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        httpVersion: req.httpVersion,
      },
      match.route,
    );
    if (match.authorized) {
      const token = bearerToken(event);
      const claims = token && (await verifyToken(token).catch(() => undefined));
      if (!claims) {
        return answer(
          problem({ kind: 'unauthorized', detail: 'A valid organizer token is required.' }),
          event.requestContext.requestId,
        );
      }
      withAuthorizerClaims(event, claims);
    }
    const fn = match.function;
    const gate = gates.get(fn);
    let busy = false;
    const turnedAway = () => {
      busy = true;
      return answerWithRequestId(throttled(), event.requestContext.requestId);
    };
    const result = gate ? await gate(() => invoke(fn, event), turnedAway) : await invoke(fn, event);
    send(result, busy);
  };
}
