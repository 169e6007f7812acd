import '../contract/english-messages.ts';
import type { z } from 'zod/mini';
import type { FieldError } from './response.ts';

/** Zod's issues as the `errors` of a 400: each names the field (or parameter, or header) and the reason. */
export function fieldErrors(
  issues: readonly z.core.$ZodIssue[],
  whole: string,
  noun: 'field' | 'parameter' | 'header',
  name: (path: string) => string = (path) => path,
): FieldError[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: name([...issue.path, key].join('.')),
          message: `is not a ${noun} this API accepts`,
        }))
      : [{ path: name(issue.path.join('.')) || whole, message: issue.message }],
  );
}
