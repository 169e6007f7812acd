import { mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { isPersonalKey } from '../functions/telemetry/redaction.ts';

/** One answer of the local gateway as a client received it, for checking against the contract. */
export interface RecordedAnswer {
  /** The route key ("GET /api/venues/{id}"), or null when no route took the request. */
  routeKey: string | null;
  method: string;
  path: string;
  status: number;
  /** The headers the gateway or the function set, lower-case (not the site-wide security headers). */
  headers: Record<string, string>;
  /** The body as text for JSON answers; other media are checked by their content type only. */
  body?: string;
  /** The local gateway answered itself (no route, too large, no token, busy), as API Gateway would. */
  byGateway?: true;
  /**
   * The personal values and secrets the request sent (strings under a personal key in its JSON body
   * or query, its bearer token), which no log line may hold (test/support/portal-logs-global-setup.ts).
   */
  sent?: string[];
}

/** What the recorder reads of the request an answer is for. */
export interface RecordedRequest {
  /** The request target, path and query. */
  url: string;
  authorization?: string;
  body?: Buffer;
}

/** The variable a test run sets to a folder; unset (as in `npm start` and in AWS) nothing is recorded. */
export const answerLogVariable = 'API_ANSWER_LOG_DIR';

const isJson = (contentType: string) => /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType);

/**
 * Appends each answer as a JSON line to a file of this process's own in the folder, so portals
 * running side by side never interleave lines. Synchronous on purpose: a portal that exits right
 * after answering (a stopped test portal) loses nothing, and there is no parsing or validation
 * here, only a write; the test run validates the lines after the tests (test/support).
 */
export function answerRecorder(directory: string) {
  mkdirSync(directory, { recursive: true });
  const file = openSync(join(directory, `${process.pid}.jsonl`), 'a');
  return (answer: Omit<RecordedAnswer, 'body' | 'sent'>, body: Buffer, request: RecordedRequest) => {
    const sent = personalValues(request);
    const recorded: RecordedAnswer = {
      ...answer,
      ...(isJson(answer.headers['content-type'] ?? '') ? { body: body.toString('utf8') } : {}),
      ...(sent.length ? { sent } : {}),
    };
    writeSync(file, `${JSON.stringify(recorded)}\n`);
  };
}

/** Strings under a personal key anywhere in a JSON value. */
function personalStrings(value: unknown, key?: string): string[] {
  if (typeof value === 'string') return key !== undefined && isPersonalKey(key) ? [value] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([field, part]) =>
    personalStrings(part, Array.isArray(value) ? key : field),
  );
}

function personalValues(request: RecordedRequest): string[] {
  const query = new URLSearchParams(request.url.split('?')[1] ?? '');
  const values = [...query].filter(([name]) => isPersonalKey(name)).map(([, value]) => value);
  const token = /^Bearer\s+(\S+)$/i.exec(request.authorization ?? '')?.[1];
  if (token) values.push(token);
  try {
    values.push(...personalStrings(JSON.parse(request.body?.toString('utf8') || 'null')));
  } catch {
    // Not JSON: its garbage is refused before anything could log it.
  }
  return values;
}

export type AnswerRecorder = ReturnType<typeof answerRecorder>;
