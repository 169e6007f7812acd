import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordedAnswer } from '../../local/answer-recorder.ts';

/**
 * Checks every line the test portals wrote (test/support/portal-process.ts) against the answers
 * they recorded (local/answer-recorder.ts): each line is JSON; a line that names a request names
 * one the portals answered, and a request's own line (route key and status) agrees with its answer;
 * each answer carries its request id (a problem in its body too), and each answer a function gave
 * has its request's line (the local gateway's own answers have none); and no line holds a personal value
 * or secret the suite sent or was given (names, e-mails, organisations, phones, manage tokens,
 * bearer tokens, proof-of-work solutions) or anything shaped like a JWT.
 */
export interface LogCheck {
  lines: number;
  requestLines: number;
  personalValues: number;
  failures: string[];
}

/** A value long and distinctive enough that finding it in a line is not a coincidence. */
const distinctive = (value: string) => value.trim().length >= 6 && /[\p{L}\p{N}]{3}/u.test(value);

const jwtShape = /eyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]+/;

function secretsOf(answer: RecordedAnswer): string[] {
  try {
    const body = JSON.parse(answer.body ?? 'null') as { manageToken?: unknown } | null;
    return typeof body?.manageToken === 'string' ? [body.manageToken] : [];
  } catch {
    return [];
  }
}

export function checkLogLines(lines: readonly string[], answers: readonly RecordedAnswer[]): LogCheck {
  const failures: string[] = [];
  const byRequest = new Map<string, RecordedAnswer>();
  for (const answer of answers) {
    const requestId = answer.headers['x-request-id'];
    const where = `${answer.method} ${answer.path} (${answer.status})`;
    if (!requestId) {
      failures.push(`the answer to ${where} has no x-request-id`);
      continue;
    }
    byRequest.set(requestId, answer);
    if ((answer.headers['content-type'] ?? '').startsWith('application/problem+json')) {
      const problem = JSON.parse(answer.body ?? '{}') as { requestId?: unknown };
      if (problem.requestId !== requestId)
        failures.push(`the problem answering ${where} lacks its request id`);
    }
  }
  const personal = new Set(
    answers.flatMap((answer) => [...(answer.sent ?? []), ...secretsOf(answer)]).filter(distinctive),
  );
  const logged = new Set<string>();
  let requestLines = 0;
  for (const line of lines) {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line);
    } catch {
      failures.push(`not JSON: ${line.slice(0, 160)}`);
      continue;
    }
    const requestId = entry.requestId;
    if (typeof requestId === 'string') {
      const answer = byRequest.get(requestId);
      if (!answer) failures.push(`no answer has the request id of: ${line.slice(0, 160)}`);
      else if ('status' in entry) {
        requestLines += 1;
        logged.add(requestId);
        if (entry.status !== answer.status || entry.routeKey !== answer.routeKey)
          failures.push(`the line does not match its answer (${answer.status} ${answer.routeKey}): ${line}`);
      }
    } else if ('status' in entry) failures.push(`a request's line without its request id: ${line}`);
    if (jwtShape.test(line)) failures.push(`a JWT in: ${line.slice(0, 160)}`);
    for (const value of personal)
      if (line.includes(value))
        failures.push(`a personal value sent to the portal in: ${line.slice(0, 160)}`);
  }
  for (const [requestId, answer] of byRequest)
    if (!logged.has(requestId) && !answer.byGateway)
      failures.push(
        `no line for the request ${requestId} (${answer.method} ${answer.path}, ${answer.status})`,
      );
  return { lines: lines.length, requestLines, personalValues: personal.size, failures };
}

/** Every line the portals of a run wrote, from the files in the folder. */
export async function readPortalLines(directory: string): Promise<string[]> {
  const files = (await readdir(directory).catch(() => [])).filter((file) => file.endsWith('.log'));
  const lines: string[] = [];
  for (const file of files) {
    const text = await readFile(join(directory, file), 'utf8');
    lines.push(...text.split('\n').filter((line) => line.trim() !== ''));
  }
  return lines;
}
