import * as z from 'zod/mini';
import type { Answer } from './route.ts';

/**
 * What the gateway answers when no route takes a request, before any function runs: a path it
 * cannot percent-decode, a path no route has, a known path with another method. The OpenAPI
 * document says this in words (its info); the test run checks these answers against it.
 */
export const unroutedAnswers: Record<number, Answer> = {
  400: { description: 'The path is not validly percent-encoded.', problems: ['malformed-request'] },
  404: { description: 'No route has this path.', problems: ['not-found'] },
  405: {
    description: 'A route has this path, with another method.',
    problems: ['method-not-allowed'],
    headers: {
      allow: {
        description: 'The methods the path has.',
        schema: z.string().check(z.regex(/^[A-Z]+(?:, [A-Z]+)*$/)),
      },
    },
  },
};
