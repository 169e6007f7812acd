export interface FieldError {
  path: string;
  message: string;
}

/** An RFC 9457 problem document, with whatever extension members the route adds. */
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: FieldError[];
  [member: string]: unknown;
}

/**
 * Status 0 means no answer came at all: offline, or the connection broke. `later` means the server
 * asked to be asked again (retry-after) and still said no after the retries here.
 */
export type Answer<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; problem: Problem; later: boolean };

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A manage token or an organizer's token, sent as a bearer credential. */
  token?: string;
  json?: unknown;
  headers?: Record<string, string>;
}

/**
 * A 503 may come after the database did the work (the answer timed out, the write did not), and a
 * 409 with retry-after means the same request is still in progress. Either is safe to send again
 * only as the same request: registrations carry the same Idempotency-Key, so a retry gets the first
 * answer rather than a second registration. This many times.
 */
const busyRetries = 2;
const longestRetryWaitMs = 5000;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function requestInit({ method = 'GET', token, json, headers = {} }: ApiRequest): RequestInit {
  const allHeaders: Record<string, string> = { accept: 'application/json', ...headers };
  if (token) allHeaders.authorization = `Bearer ${token}`;
  if (json !== undefined) allHeaders['content-type'] = 'application/json';
  return { method, headers: allHeaders, body: json === undefined ? null : JSON.stringify(json) };
}

/** Fetches an API route, waiting as long as a retry-after asks before sending the request again. */
async function send(path: string, request: ApiRequest): Promise<Response | undefined> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(path, requestInit(request)).catch(() => undefined);
    if (!response?.headers.has('retry-after') || attempt === busyRetries) return response;
    const seconds = Number(response.headers.get('retry-after'));
    await wait(Math.min(Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000, longestRetryWaitMs));
  }
}

export async function callApi<T>(path: string, request: ApiRequest = {}): Promise<Answer<T>> {
  const response = await send(path, request);
  if (!response) return { ok: false, status: 0, problem: { status: 0 }, later: true };
  const body = await response.json().catch(() => undefined);
  if (response.ok) return { ok: true, status: response.status, data: body as T };
  const problem = typeof body === 'object' && body !== null ? (body as Problem) : { status: response.status };
  return { ok: false, status: response.status, problem, later: response.headers.has('retry-after') };
}

/** A file the API serves behind a token (a ticket, a CSV export), or the status that refused it. */
export async function fetchFile(
  path: string,
  token: string,
): Promise<{ ok: true; blob: Blob; filename: string | undefined } | { ok: false; status: number }> {
  const response = await send(path, { token, headers: { accept: '*/*' } });
  if (!response?.ok) return { ok: false, status: response?.status ?? 0 };
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1];
  return { ok: true, blob: await response.blob(), filename };
}
