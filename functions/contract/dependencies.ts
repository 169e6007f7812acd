import * as z from 'zod/mini';
import { withMeta } from './meta.ts';

/** Fields that mean something only beside others: field → the fields it needs, and what to tell the client. */
export type Dependencies = Record<string, { needs: readonly string[]; message: string }>;

/**
 * A cross-field rule, checked and documented from one declaration: the check refuses a field sent
 * without the fields it needs (naming the field), and the metadata is JSON Schema's
 * `dependentRequired`, which the OpenAPI document carries to each parameter as `x-requires`
 * (OpenAPI has no keyword for dependencies between parameters).
 */
export function withDependencies<S extends z.ZodMiniObject>(schema: S, dependencies: Dependencies): S {
  return withMeta(
    schema.check(
      z.superRefine((value: Record<string, unknown>, context) => {
        for (const [field, { needs, message }] of Object.entries(dependencies)) {
          if (value[field] === undefined) continue;
          if (needs.some((other) => value[other] === undefined)) {
            context.addIssue({ code: 'custom', path: [field], message });
          }
        }
      }),
    ),
    {
      dependentRequired: Object.fromEntries(
        Object.entries(dependencies).map(([field, { needs }]) => [field, [...needs]]),
      ),
    },
  );
}

/** The fields each field needs, as the metadata of withDependencies declares them. */
export const dependentRequired = (schema: z.ZodMiniType, registry: z.core.$ZodRegistry<z.core.GlobalMeta>) =>
  (registry.get(schema)?.dependentRequired ?? {}) as Record<string, string[]>;
