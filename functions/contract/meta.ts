import * as z from 'zod/mini';

/**
 * A copy of the schema carrying OpenAPI metadata (description, example, id), made as classic zod's
 * `.meta()` makes it: registered in the global registry, which the OpenAPI document reads. zod/mini
 * has no `.meta()` method, and its `z.meta()` check would add a check to the schema, which makes an
 * object schema refuse `z.pick` and `z.extend`.
 */
export function withMeta<S extends z.ZodMiniType>(schema: S, meta: z.core.GlobalMeta): S {
  const copy = schema.clone();
  z.globalRegistry.add(copy, meta);
  return copy;
}
