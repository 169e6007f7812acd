/**
 * The HTTP API: which function serves each route. The local gateway and the CDK stack both read
 * this list, so a route exists in both or in neither.
 */
export const apiFunctions = {
  health: 'functions/handlers/http/health.ts',
  venues: 'functions/handlers/http/venues.ts',
  registrations: 'functions/handlers/http/registrations.ts',
  organizer: 'functions/handlers/http/organizer.ts',
} as const;

export type ApiFunction = keyof typeof apiFunctions;

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway's path syntax: `{name}` is one path segment. */
  path: string;
  function: ApiFunction;
  /** Behind the JWT authorizer: the caller must present a valid organizer-pool token. */
  authorized?: true;
}

export const apiRoutes: readonly ApiRoute[] = [
  { method: 'GET', path: '/api/health', function: 'health' },
  { method: 'GET', path: '/api/venues', function: 'venues' },
  { method: 'GET', path: '/api/venues/{id}', function: 'venues' },
  { method: 'GET', path: '/api/venues/{id}/reviews', function: 'venues' },
  { method: 'POST', path: '/api/venues/{id}/reviews', function: 'venues' },
  { method: 'POST', path: '/api/admin/reviews/{id}/hide', function: 'venues', authorized: true },
  { method: 'GET', path: '/api/categories', function: 'registrations' },
  { method: 'POST', path: '/api/registrations', function: 'registrations' },
  { method: 'GET', path: '/api/registrations/{id}', function: 'registrations' },
  { method: 'DELETE', path: '/api/registrations/{id}', function: 'registrations' },
  { method: 'GET', path: '/api/registrations/{id}/ticket.svg', function: 'registrations' },
  { method: 'GET', path: '/api/admin/registrations', function: 'organizer', authorized: true },
  { method: 'GET', path: '/api/admin/registrations.csv', function: 'organizer', authorized: true },
  { method: 'POST', path: '/api/admin/registrations/{id}/approve', function: 'organizer', authorized: true },
  { method: 'POST', path: '/api/admin/registrations/{id}/reject', function: 'organizer', authorized: true },
  { method: 'PUT', path: '/api/admin/categories/{id}', function: 'organizer', authorized: true },
  { method: 'POST', path: '/api/admin/checkins', function: 'organizer', authorized: true },
  { method: 'GET', path: '/api/admin/stats', function: 'organizer', authorized: true },
];

export const routeKey = (route: ApiRoute) => `${route.method} ${route.path}`;
