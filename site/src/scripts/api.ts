import type * as z from 'zod/mini';
import type { problemDocument } from '../../../functions/contract/problems.ts';
import type { Contract, RouteKey } from '../../../functions/routes.ts';

/*
 * Every type here is derived from the route table (functions/routes.ts) and erased when bundled:
 * pages import types from the zod schemas, never values, so zod stays out of their JavaScript.
 */

type Declaration<K extends RouteKey> = Contract[K];
type Answers<K extends RouteKey> = Declaration<K>['answers'];
type JsonOf<A> = A extends { json: infer S extends z.ZodMiniType } ? z.output<S> : undefined;
type InputOf<S> = S extends z.ZodMiniType ? z.input<S> : never;

/** The body a route answers with under `status`, as the contract declares it. */
export type AnswerBody<K extends RouteKey, S extends keyof Answers<K>> = JsonOf<Answers<K>[S]>;

type SuccessStatus<K extends RouteKey> = Extract<keyof Answers<K>, 200 | 201 | 204>;

/** An RFC 9457 problem as the contract declares it; status 0 when no answer came at all. */
export type Problem = Partial<z.output<typeof problemDocument>> & {
  status: number;
  [member: string]: unknown;
};
export type FieldError = NonNullable<Problem['errors']>[number];

/**
 * Status 0 means no answer came at all: offline, or the connection broke. `later` means the server
 * asked to be asked again (retry-after) and still said no after the retries here.
 */
export type Answer<K extends RouteKey> =
  | { [S in SuccessStatus<K>]: { ok: true; status: S; data: JsonOf<Answers<K>[S]> } }[SuccessStatus<K>]
  | { ok: false; status: number; problem: Problem; later: boolean; retryAfterSeconds?: number };

/**
 * What a form can send: the contract's field names, each value of its kind. The values are the
 * server's to judge (consent must be true, a category must exist); the names cannot drift.
 */
type Sendable<T> = T extends boolean
  ? boolean
  : T extends string
    ? string
    : T extends number
      ? number
      : T extends readonly (infer E)[]
        ? Sendable<E>[]
        : T extends object
          ? { [P in keyof T]?: Sendable<T[P]> }
          : T;

type PathParameters<K extends RouteKey> =
  Declaration<K> extends { pathParameters: infer S } ? { path: InputOf<S> } : { path?: never };
type Query<K extends RouteKey> =
  Declaration<K> extends { query: infer S }
    ? { query?: { [P in keyof InputOf<S>]?: string | number | boolean | undefined } }
    : { query?: never };
/** The headers a route reads, as the contract names them; the token has its own option. */
type Headers<K extends RouteKey> =
  Declaration<K> extends { headers: infer S }
    ? { headers?: Omit<InputOf<S>, 'authorization'> }
    : { headers?: never };
type Body<K extends RouteKey> =
  Declaration<K> extends { body: { schema: infer S } } ? { json: Sendable<InputOf<S>> } : { json?: never };

export type ApiRequest<K extends RouteKey> = PathParameters<K> &
  Query<K> &
  Headers<K> &
  Body<K> & {
    /** A manage token or an organizer's token, sent as a bearer credential. */
    token?: string;
    /** How many times to send it again when the answer asks to wait (retry-after); 2 unless said. */
    retries?: number;
  };

/** Requests with nothing required may leave out the request object. */
type RequestArgument<K extends RouteKey> = object extends ApiRequest<K> ? [ApiRequest<K>?] : [ApiRequest<K>];

/**
 * A 503 may come after the database did the work (the answer timed out, the write did not), and a
 * 409 with retry-after means the same request is still in progress. Either is safe to send again
 * only as the same request: registrations carry the same Idempotency-Key, so a retry gets the first
 * answer rather than a second registration. This many times.
 */
const busyRetries = 2;
const longestRetryWaitMs = 5000;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Sent {
  path?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  /** A file sent as the body as it is, with its own type (a photo). */
  file?: Blob;
  token?: string;
  headers?: Record<string, string>;
  retries?: number;
}

/** "GET /api/venues/{id}" with { id: 'x' } → GET /api/venues/x?…, each parameter percent-encoded. */
function address(key: RouteKey, { path = {}, query = {} }: Sent) {
  const [method = 'GET', template = ''] = key.split(' ');
  const pathname = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(path[name] ?? ''));
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.set(name, String(value));
  const queryString = search.toString();
  return { method, url: queryString ? `${pathname}?${queryString}` : pathname };
}

function requestInit(method: string, { token, json, file, headers = {} }: Sent): RequestInit {
  const allHeaders: Record<string, string> = { accept: 'application/json', ...headers };
  if (token) allHeaders.authorization = `Bearer ${token}`;
  if (json !== undefined) allHeaders['content-type'] = 'application/json';
  if (file) allHeaders['content-type'] = file.type;
  return { method, headers: allHeaders, body: file ?? (json === undefined ? null : JSON.stringify(json)) };
}

/** Fetches an API route, waiting as long as a retry-after asks before sending the request again. */
async function send(key: RouteKey, request: Sent): Promise<Response | undefined> {
  const { method, url } = address(key, request);
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, requestInit(method, request)).catch(() => undefined);
    if (!response?.headers.has('retry-after') || attempt >= (request.retries ?? busyRetries)) return response;
    const seconds = Number(response.headers.get('retry-after'));
    await wait(Math.min(Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000, longestRetryWaitMs));
  }
}

/** Calls a route by its key in the route table; the request and the answer are typed from it. */
export async function callApi<K extends RouteKey>(
  key: K,
  ...[request]: RequestArgument<K>
): Promise<Answer<K>> {
  return answerOf<K>(await send(key, (request ?? {}) as Sent));
}

/** Sends a file as a route's whole body (a photo to the upload route), answered as callApi answers. */
export async function sendFile<K extends RouteKey>(key: K, file: Blob): Promise<Answer<K>> {
  return answerOf<K>(await send(key, { file }));
}

async function answerOf<K extends RouteKey>(response: Response | undefined): Promise<Answer<K>> {
  if (!response) return { ok: false, status: 0, problem: { status: 0 }, later: true };
  const body = await response.json().catch(() => undefined);
  if (response.ok) return { ok: true, status: response.status, data: body } as Answer<K>;
  const problem = typeof body === 'object' && body !== null ? (body as Problem) : { status: response.status };
  const retryAfter = response.headers.get('retry-after');
  if (retryAfter === null) return { ok: false, status: response.status, problem, later: false };
  return {
    ok: false,
    status: response.status,
    problem,
    later: true,
    retryAfterSeconds: Number(retryAfter) || 1,
  };
}

/** The routes that answer with a file rather than JSON (the ticket, the CSV export). */
type FileRoute = { [K in RouteKey]: Answers<K> extends { 200: { media: object } } ? K : never }[RouteKey];

/** A file the API serves behind a token (a ticket, a CSV export), or the status that refused it. */
export async function fetchFile<K extends FileRoute>(
  key: K,
  request: ApiRequest<K> & { token: string },
): Promise<
  | { ok: true; blob: Blob; filename: string | undefined; next: string | undefined }
  | { ok: false; status: number }
> {
  const response = await send(key, { ...(request as Sent), headers: { accept: '*/*' } });
  if (!response?.ok) return { ok: false, status: response?.status ?? 0 };
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1];
  // A file in parts (badges) names the next part's address in a Link header, rel="next".
  const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
  return { ok: true, blob: await response.blob(), filename, next };
}
