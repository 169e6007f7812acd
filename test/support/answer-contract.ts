import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import * as z from 'zod/mini';
import { openApiDocument } from '../../functions/contract/openapi.ts';
import { problemType } from '../../functions/contract/problems.ts';
import type { Answer } from '../../functions/contract/route.ts';
import { unroutedAnswers } from '../../functions/contract/unrouted.ts';
import { answersOf, isRouteKey } from '../../functions/routes.ts';
import type { RecordedAnswer } from '../../local/answer-recorder.ts';

/**
 * Checks answers the local gateway recorded (local/answer-recorder.ts) against the contract: the
 * status must be one the route declares, the content type one declared for that status, the body
 * valid against the OpenAPI document's schema for it (so an undeclared field fails, as
 * `additionalProperties: false` says), a problem's `status` the answer's own, and the declared
 * headers present and well formed. Answers no route took are checked against the gateway's own
 * (functions/contract/unrouted.ts).
 */

const documentId = 'openapi.json';
const pointer = (...parts: string[]) =>
  parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

function schemaCompiler() {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  ajv.addSchema(openApiDocument(), documentId);
  const compiled = new Map<string, ValidateFunction>();
  return (schema: Record<string, unknown>) => {
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(schema);
      compiled.set(key, validate);
    }
    return validate;
  };
}

interface DeclaredAnswer {
  /** The JSON Schema of each declared media type's body (undefined: checked by type only). */
  content: Record<string, Record<string, unknown> | undefined>;
  headers?: z.ZodMiniObject;
}

const mediaTypes = (answer: Answer) => [
  ...(answer.json ? ['application/json'] : []),
  ...(answer.problems?.length ? ['application/problem+json'] : []),
  ...(answer.media ? [answer.media.type].flat() : []),
];

const headerSchema = (answer: Answer) =>
  answer.headers
    ? z.object(Object.fromEntries(Object.entries(answer.headers).map(([name, { schema }]) => [name, schema])))
    : undefined;

/** A route's answer for a status, its bodies' schemas read from the OpenAPI document. */
function routeAnswer(routeKey: string, status: number): DeclaredAnswer | undefined {
  if (!isRouteKey(routeKey)) return undefined;
  const answer = answersOf(routeKey)[status];
  if (!answer) return undefined;
  const [method = '', path = ''] = routeKey.split(' ');
  const content = Object.fromEntries(
    mediaTypes(answer).map((type) => [
      type,
      type.endsWith('json')
        ? {
            $ref: `${documentId}#/${pointer('paths', path, method.toLowerCase(), 'responses', String(status), 'content', type, 'schema')}`,
          }
        : undefined,
    ]),
  );
  return { content, headers: headerSchema(answer) };
}

/** The gateway's answer when no route took the request: a problem of the declared kinds. */
function unroutedAnswer(status: number): DeclaredAnswer | undefined {
  const answer = unroutedAnswers[status];
  if (!answer) return undefined;
  const problem = {
    allOf: [
      { $ref: `${documentId}#/components/schemas/Problem` },
      { properties: { type: { enum: (answer.problems ?? []).map(problemType) } } },
    ],
  };
  return { content: { 'application/problem+json': problem }, headers: headerSchema(answer) };
}

export interface AnswerCheck {
  /** Answers checked, by route key ("(no route)" for the gateway's own). */
  byRoute: Record<string, number>;
  failures: string[];
}

const noRoute = '(no route)';

/** Checks each answer; a failure names the route, the status and the first difference. */
export function checkAnswers(answers: readonly RecordedAnswer[]): AnswerCheck {
  const compile = schemaCompiler();
  const byRoute: Record<string, number> = {};
  const failures: string[] = [];
  for (const answer of answers) {
    const route = answer.routeKey ?? noRoute;
    byRoute[route] = (byRoute[route] ?? 0) + 1;
    const difference = firstDifference(answer, compile);
    if (difference) {
      failures.push(`${route} (${answer.method} ${answer.path}) answered ${answer.status}: ${difference}`);
    }
  }
  return { byRoute, failures };
}

function firstDifference(
  answer: RecordedAnswer,
  compile: ReturnType<typeof schemaCompiler>,
): string | undefined {
  const declared =
    answer.routeKey === null ? unroutedAnswer(answer.status) : routeAnswer(answer.routeKey, answer.status);
  if (!declared) return `status ${answer.status} is not declared`;
  const contentType = answer.headers['content-type'] ?? '';
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const declaredTypes = Object.keys(declared.content);
  if (declaredTypes.length === 0) {
    return contentType ? `content type ${contentType} where no body is declared` : undefined;
  }
  if (!declaredTypes.includes(mediaType)) {
    return `content type "${contentType}" is not declared (declared: ${declaredTypes.join(', ')})`;
  }
  const schema = declared.content[mediaType];
  if (schema) {
    let body: unknown;
    try {
      body = JSON.parse(answer.body ?? '');
    } catch {
      return `the ${mediaType} body is not JSON: ${(answer.body ?? '').slice(0, 80)}`;
    }
    const validate = compile(schema);
    if (!validate(body)) {
      const [error] = validate.errors ?? [];
      const detail =
        error?.params && Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : '';
      return `body ${error?.instancePath || '(root)'} ${error?.message ?? 'does not match'}${detail}`;
    }
    if (mediaType === 'application/problem+json' && (body as { status?: unknown }).status !== answer.status) {
      return `the problem's status ${(body as { status?: unknown }).status} is not the answer's`;
    }
  }
  const headers = declared.headers?.safeParse(answer.headers);
  if (headers && !headers.success) {
    const [issue] = headers.error.issues;
    return `header ${issue?.path.join('.')} ${issue?.message}`;
  }
  return undefined;
}

/** Every answer the portals of a run recorded, one JSON line each, in files of the folder. */
export async function readRecordedAnswers(directory: string): Promise<RecordedAnswer[]> {
  const files = (await readdir(directory).catch(() => [])).filter((file) => file.endsWith('.jsonl'));
  const answers: RecordedAnswer[] = [];
  for (const file of files) {
    const text = await readFile(join(directory, file), 'utf8');
    for (const line of text.split('\n')) if (line) answers.push(JSON.parse(line) as RecordedAnswer);
  }
  return answers;
}
