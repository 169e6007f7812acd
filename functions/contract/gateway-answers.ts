import * as z from 'zod/mini';
import type { ProblemKind } from './problems.ts';
import type { Answer, RouteDeclaration } from './route.ts';

const retryAfter = {
  'retry-after': {
    description: 'Seconds to wait before trying again.',
    schema: z.string().check(z.regex(/^\d+$/)),
  },
};

/**
 * The answers every route can give besides its own: the gateway's (body over 10 MB, busy, bad
 * percent-encoding, no valid token), the generic validation step's and the handler's last resort.
 * Declared here once, so the document lists every answer a client can ever see.
 */
function sharedAnswers(declaration: RouteDeclaration): Record<number, Answer> {
  const answers: Record<number, Answer> = {
    413: {
      description: 'The body is larger than the gateway accepts (10 MB).',
      problems: ['content-too-large'],
    },
    500: {
      description: 'Something failed on the server; nothing about it is revealed.',
      problems: ['internal-error'],
    },
    503: {
      description:
        'The portal is busy or the database did not answer in time; retry after the given seconds.',
      problems: ['service-unavailable'],
      headers: retryAfter,
    },
  };
  const validated: ProblemKind[] = [];
  if (declaration.pathParameters || declaration.query || declaration.headers || declaration.body) {
    validated.push('validation');
  }
  // The gateway refuses a path it cannot percent-decode; the body reader refuses bytes that are not UTF-8 JSON.
  if (declaration.pathParameters || declaration.body) validated.push('malformed-request');
  if (validated.length) {
    answers[400] = {
      description: 'A part of the request is not valid; `errors` names each field.',
      problems: validated,
    };
  }
  if (declaration.roles) {
    answers[401] = {
      description: 'No valid organizer token (the JWT authorizer).',
      problems: ['unauthorized'],
    };
    answers[403] = {
      description: `The token lacks the role ${declaration.roles.join(' or ')}.`,
      problems: ['forbidden'],
    };
  }
  if (declaration.body) {
    const accepted =
      'types' in declaration.body
        ? declaration.body.types.join(', ')
        : `application/json${declaration.body.form ? ' or application/x-www-form-urlencoded' : ''}`;
    answers[415] = { description: `The body is not ${accepted}.`, problems: ['unsupported-media-type'] };
    answers[413] = {
      description: `The body is larger than this route accepts (${declaration.body.maxBytes} bytes) or than the gateway does.`,
      problems: ['content-too-large'],
    };
  }
  return answers;
}

/** A route's own answers and the shared ones, merged by status. */
export function allAnswers(declaration: RouteDeclaration): Record<number, Answer> {
  const merged: Record<number, Answer> = { ...sharedAnswers(declaration) };
  for (const [status, own] of Object.entries(declaration.answers)) {
    const shared = merged[Number(status)];
    merged[Number(status)] = shared
      ? {
          ...own,
          description: `${own.description} ${shared.description}`,
          problems: [...new Set([...(own.problems ?? []), ...(shared.problems ?? [])])],
          headers: { ...shared.headers, ...own.headers },
        }
      : own;
  }
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => Number(a) - Number(b)));
}
