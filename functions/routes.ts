/**
 * The HTTP API: which function serves each route. The local gateway and the CDK stack both read
 * this list, so a route exists in both or in neither.
 */
export const apiFunctions = {
  health: 'functions/api/health.ts',
  venues: 'functions/api/venues.ts',
} as const;

export type ApiFunction = keyof typeof apiFunctions;

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway's path syntax: `{name}` is one path segment. */
  path: string;
  function: ApiFunction;
}

export const apiRoutes: readonly ApiRoute[] = [
  { method: 'GET', path: '/api/health', function: 'health' },
  { method: 'GET', path: '/api/venues/{id}', function: 'venues' },
];

export const routeKey = (route: ApiRoute) => `${route.method} ${route.path}`;
