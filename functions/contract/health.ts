import * as z from 'zod/mini';
import { withMeta } from './meta.ts';
import { route } from './route.ts';

const healthReport = withMeta(
  z.object({
    status: z.enum(['ok', 'unavailable']),
    checks: withMeta(z.record(z.string(), z.enum(['ok', 'unavailable'])), {
      description: 'Each dependency probed, by name.',
    }),
  }),
  { id: 'HealthReport' },
);

export const healthContract = {
  'GET /api/health': route({
    function: 'health',
    summary: 'Is the API able to serve?',
    description:
      'Probes every dependency (the database) within a second. Load balancers and monitors call it without a token.',
    tags: ['health'],
    answers: {
      200: {
        description: 'Every dependency answered.',
        json: healthReport,
        example: { status: 'ok', checks: { dynamodb: 'ok' } },
      },
      503: {
        description: 'A dependency failed or did not answer in time.',
        json: healthReport,
        example: { status: 'unavailable', checks: { dynamodb: 'unavailable' } },
      },
    },
  }),
  'HEAD /api/health': route({
    function: 'health',
    summary: 'Is the API able to serve? (status only)',
    description:
      'The same probes as GET /api/health, answered with its status and no body: uptime monitors commonly probe with HEAD.',
    tags: ['health'],
    answers: {
      200: { description: 'Every dependency answered.' },
      503: { description: 'A dependency failed or did not answer in time.' },
    },
  }),
};
