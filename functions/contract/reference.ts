import * as z from 'zod/mini';
import { withMeta } from './meta.ts';
import { route } from './route.ts';

export const referenceContract = {
  'GET /api/openapi.json': route({
    function: 'health',
    summary: 'This API, described',
    description:
      'The OpenAPI 3.1 document generated from the route table: every route, its requests and every answer it can give.',
    tags: ['reference'],
    cacheControl: 'public, max-age=300',
    answers: {
      200: {
        description: 'The OpenAPI 3.1 document.',
        json: withMeta(z.looseObject({ openapi: z.literal('3.1.1') }), { id: 'OpenApiDocument' }),
      },
    },
  }),
};
