import type * as z from 'zod/mini';
import type { AuditAction } from '../domain/audit.ts';
import type { Role } from '../http/roles.ts';
import type { ProblemKind } from './problems.ts';

/** The Lambda functions that serve the API; functions/routes.ts maps each to its entry point. */
export type ApiFunction =
  | 'health'
  | 'venues'
  | 'registrations'
  | 'organizer'
  | 'residentAffairs'
  | 'residentAffairsStaff';

/** The concerns the reference groups routes by (OpenAPI tags). */
export type Tag =
  | 'health'
  | 'venues'
  | 'reviews'
  | 'registration'
  | 'organizer'
  | 'check-in'
  | 'reference'
  | 'resident-affairs'
  | 'resident-affairs-staff';

/** How a caller proves it may use a route. */
export type Security = 'organizerToken' | 'manageToken' | 'followToken';

type MediaType = 'image/svg+xml' | 'text/csv' | 'image/jpeg' | 'image/png' | 'image/webp';

export interface Answer {
  description: string;
  /** An application/json body. */
  json?: z.ZodMiniType;
  /** A body of another media type, described in words (the SVG ticket, the CSV export). */
  media?: { type: MediaType | readonly MediaType[]; description: string };
  /** The problem kinds (application/problem+json) this status can carry. */
  problems?: readonly ProblemKind[];
  headers?: Record<string, { description: string; schema: z.ZodMiniType }>;
  example?: unknown;
}

/** A JSON body (application/json), at most `maxBytes`. */
export interface JsonBody {
  schema: z.ZodMiniType;
  maxBytes: number;
  example: unknown;
  /**
   * Also accepted form-encoded (application/x-www-form-urlencoded), as Open311 clients send it:
   * this reads the form's text into the JSON shape, which the schema then checks.
   */
  form?: (text: string) => unknown;
}

/** A raw body of one of `types` (a photo's bytes), at most `maxBytes`; the route checks the bytes. */
export interface MediaBody {
  types: readonly string[];
  maxBytes: number;
  description: string;
}

/** A raw body as the route receives it: its declared type and its bytes. */
export interface MediaUpload {
  type: string;
  bytes: Uint8Array;
}

/** What a route accepts and answers. Its route key ("METHOD /path") is its key in the route table. */
export interface RouteDeclaration {
  function: ApiFunction;
  summary: string;
  description: string;
  tags: readonly Tag[];
  /** Behind the JWT authorizer, open to these roles; the handler checks the roles again. */
  roles?: readonly Role[];
  /**
   * The staff action the audit trail records for each request that reaches the route's code
   * (docs/audit.md). Every route with `roles` declares one: the route handler refuses to serve one
   * without it, and answers 500 when the route made no entry. Several when the body chooses the
   * action (bulk decisions): each entry then names its own, one of them.
   */
  audit?: AuditAction | readonly [AuditAction, ...AuditAction[]];
  security?: Security;
  pathParameters?: z.ZodMiniObject;
  query?: z.ZodMiniObject;
  /** Request headers the route reads, by lower-case name (API Gateway lower-cases them). */
  headers?: z.ZodMiniObject;
  body?: JsonBody | MediaBody;
  answers: Record<number, Answer>;
  /** Cacheable by browsers and CloudFront; documented, and set by the route's code. */
  cacheControl?: string;
}

/** "idempotency-key" → "Idempotency-Key": headers are declared as API Gateway gives them, named as clients write them. */
export const headerName = (name: string) =>
  name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());

/** Keeps the literal types of a declaration, so handlers get typed requests from it. */
export const route = <const R extends RouteDeclaration>(declaration: R): R => declaration;

type Output<S> = S extends z.ZodMiniType ? z.output<S> : Record<string, never>;

/** What a route's code receives: every part already validated against its declaration. */
export interface ValidRequest<R extends RouteDeclaration> {
  path: Output<R['pathParameters']>;
  query: Output<R['query']>;
  headers: Output<R['headers']>;
  body: R['body'] extends { schema: infer S }
    ? Output<S>
    : R['body'] extends MediaBody
      ? MediaUpload
      : undefined;
  /** The body as received, for idempotency (the same key must come with the same bytes). */
  rawBody: string;
}
