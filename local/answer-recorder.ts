import { mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

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
  return (answer: Omit<RecordedAnswer, 'body'>, body: Buffer) => {
    const recorded: RecordedAnswer = isJson(answer.headers['content-type'] ?? '')
      ? { ...answer, body: body.toString('utf8') }
      : answer;
    writeSync(file, `${JSON.stringify(recorded)}\n`);
  };
}

export type AnswerRecorder = ReturnType<typeof answerRecorder>;
