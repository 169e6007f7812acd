import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { StoreUnavailableError } from '../store/store-errors.ts';
import { logEvent } from './log.ts';
import { type HttpResult, notFound, problem, serviceUnavailable } from './response.ts';

export type Route = (event: APIGatewayProxyEventV2) => Promise<HttpResult>;

/**
 * A Lambda entry point over several routes (keyed by the HTTP API route key). Turns a database
 * fault into 503 with retry-after and any other failure into a 500 that reveals nothing.
 */
export function routeHandler(routes: Record<string, Route>) {
  return async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
    const route = routes[event.routeKey];
    if (!route) return notFound(`No route for ${event.routeKey}.`);
    try {
      return await route(event);
    } catch (error) {
      const name = error instanceof Error ? error.name : typeof error;
      if (error instanceof StoreUnavailableError) {
        const cause = error.cause instanceof Error ? error.cause.name : name;
        logEvent('warn', 'database unavailable', { routeKey: event.routeKey, error: cause });
        return serviceUnavailable('The database did not answer in time. Please try again.');
      }
      logEvent('error', 'unhandled error', { routeKey: event.routeKey, error: name });
      return problem({
        status: 500,
        title: 'Internal Server Error',
        detail: 'Something went wrong on our side.',
      });
    }
  };
}
