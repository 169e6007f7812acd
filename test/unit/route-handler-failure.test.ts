import { afterEach, describe, expect, it, vi } from 'vitest';
import { healthContract } from '../../functions/contract/health.ts';
import { routeHandler } from '../../functions/http/route-handler.ts';
import { metricNames, metricNamespace } from '../../functions/telemetry/telemetry.ts';
import { apiEvent } from '../support/events.ts';

const written: string[] = [];
/** Records what the logger and the metrics buffer write: errors to stderr, the rest to stdout. */
const spy = () => {
  for (const stream of [process.stdout, process.stderr])
    vi.spyOn(stream, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
};

afterEach(() => {
  vi.restoreAllMocks();
  written.length = 0;
});

const lines = () =>
  written
    .join('')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('a route that throws', () => {
  it('gives a 500 problem with the request id, one ERROR line with a stack, one unhandled-error metric', async () => {
    const handler = routeHandler(healthContract, {
      'GET /api/health': async () => {
        throw new Error('forced failure');
      },
    });
    const event = apiEvent('GET', '/api/health');
    spy();
    const result = await handler(event);
    const logged = lines();
    vi.restoreAllMocks();

    const requestId = event.requestContext.requestId;
    expect(result.statusCode).toBe(500);
    expect(result.headers?.['x-request-id']).toBe(requestId);
    expect(JSON.parse(result.body ?? '')).toMatchObject({ status: 500, requestId });

    const errors = logged.filter((line) => line.level === 'ERROR');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      message: 'unhandled error',
      requestId,
      routeKey: 'GET /api/health',
      function: 'health',
      status: 500,
      coldStart: true,
      error: { name: 'Error', message: 'forced failure' },
    });
    expect(typeof errors[0]?.latencyMs).toBe('number');
    expect((errors[0]?.error as { stack?: string } | undefined)?.stack).toMatch(
      /route-handler-failure\.test\.ts:\d+/,
    );

    const metricLines = logged.filter((line) => '_aws' in line);
    expect(metricLines).toHaveLength(1);
    expect(metricLines[0]).toMatchObject({
      [metricNames.unhandledErrors]: 1,
      _aws: { CloudWatchMetrics: [{ Namespace: metricNamespace }] },
    });
    expect(logged).toHaveLength(2);
  });

  it('a request that succeeds gives one INFO line, with the Lambda request id when there is a context, and no metric', async () => {
    const handler = routeHandler(healthContract, {
      'GET /api/health': async () => ({ statusCode: 200, body: '{}' }),
    });
    const event = apiEvent('GET', '/api/health');
    spy();
    await handler(event);
    const result = await handler(event, {
      awsRequestId: 'lambda-request-2',
      functionName: 'WuzhenPortal-Health',
    } as Parameters<typeof handler>[1]);
    const logged = lines();
    vi.restoreAllMocks();

    expect(result.headers?.['x-request-id']).toBe(event.requestContext.requestId);
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ level: 'INFO', message: 'request', status: 200, coldStart: true });
    expect(logged[1]).toMatchObject({
      level: 'INFO',
      awsRequestId: 'lambda-request-2',
      function: 'WuzhenPortal-Health',
      coldStart: false,
    });
  });
});
