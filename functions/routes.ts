import * as z from 'zod/mini';
import { badgesContract } from './contract/badges.ts';
import { checkinDeskContract } from './contract/checkin-desk.ts';
import { checkinRosterContract } from './contract/checkin-roster.ts';
import { allAnswers } from './contract/gateway-answers.ts';
import { healthContract } from './contract/health.ts';
import { messagesContract } from './contract/messages.ts';
import { open311Contract } from './contract/open311.ts';
import { organizerContract } from './contract/organizer.ts';
import { problemSchema } from './contract/problems.ts';
import { proofOfWorkContract } from './contract/proof-of-work.ts';
import { referenceContract } from './contract/reference.ts';
import { registrationEditsContract } from './contract/registration-edits.ts';
import { registrationsContract } from './contract/registrations.ts';
import { residentAffairsContract } from './contract/resident-affairs.ts';
import { residentAffairsStaffContract } from './contract/resident-affairs-staff.ts';
import type { Answer, ApiFunction, RouteDeclaration } from './contract/route.ts';
import { venuesContract } from './contract/venues.ts';

export type { ApiFunction } from './contract/route.ts';

/**
 * The HTTP API, declared once: every route with what it accepts and answers (functions/contract),
 * keyed by its route key. The local gateway, the CDK stack, the handlers' validation step and the
 * OpenAPI document all read this table, so a route exists in each or in none.
 */
export const contract = {
  ...healthContract,
  ...referenceContract,
  ...venuesContract,
  ...registrationsContract,
  ...proofOfWorkContract,
  ...organizerContract,
  ...checkinDeskContract,
  ...checkinRosterContract,
  ...messagesContract,
  ...registrationEditsContract,
  ...badgesContract,
  ...open311Contract,
  ...residentAffairsStaffContract,
  ...residentAffairsContract,
} satisfies Record<string, RouteDeclaration>;

export type Contract = typeof contract;
export type RouteKey = keyof Contract;

/** Which Lambda function serves each route. */
export const apiFunctions = {
  health: 'functions/handlers/http/health.ts',
  venues: 'functions/handlers/http/venues.ts',
  registrations: 'functions/handlers/http/registrations.ts',
  organizer: 'functions/handlers/http/organizer.ts',
  residentAffairs: 'functions/handlers/http/resident-affairs.ts',
  residentAffairsStaff: 'functions/handlers/http/resident-affairs-staff.ts',
} as const satisfies Record<ApiFunction, string>;

export interface ApiRoute {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway's path syntax: `{name}` is one path segment. */
  path: string;
  function: ApiFunction;
  /** Behind the JWT authorizer: the caller must present a valid organizer-pool token. */
  authorized?: true;
  declaration: RouteDeclaration;
}

export const apiRoutes: readonly ApiRoute[] = Object.entries(contract).map(([key, declaration]) => {
  const [method, path] = key.split(' ') as [ApiRoute['method'], string];
  const authorized = 'roles' in declaration ? ({ authorized: true } as const) : {};
  return { method, path, function: declaration.function, ...authorized, declaration };
});

export const routeKey = (route: Pick<ApiRoute, 'method' | 'path'>) => `${route.method} ${route.path}`;

export const isRouteKey = (key: string): key is RouteKey => Object.hasOwn(contract, key);

/** Every answer a route can give, its own and the shared ones (gateway, validation, last resort). */
export const answersOf = (key: RouteKey): Record<number, Answer> => allAnswers(contract[key]);

/**
 * The zod schemas an answer must match, for checking answers against the contract: `json` for an
 * application/json body, `problem` for application/problem+json, `media` for other bodies.
 * Undefined when the route never answers with this status.
 */
export function answerSchemas(key: RouteKey, status: number) {
  const answer = answersOf(key)[status];
  if (!answer) return undefined;
  return {
    json: answer.json,
    problem: answer.problems?.length ? problemSchema(answer.problems) : undefined,
    media: answer.media?.type,
    headers: answer.headers
      ? z.object(
          Object.fromEntries(Object.entries(answer.headers).map(([name, header]) => [name, header.schema])),
        )
      : undefined,
  };
}
