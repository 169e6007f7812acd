import { describe, expect, it } from 'vitest';
import { checkHealth } from '../../functions/domain/health.ts';

describe('checkHealth', () => {
  it('is ok when every probe answers', async () => {
    const report = await checkHealth({ database: async () => {}, cache: async () => {} }, 200);
    expect(report).toEqual({ status: 'ok', checks: { database: 'ok', cache: 'ok' } });
  });

  it('marks a failing probe unavailable', async () => {
    const report = await checkHealth(
      {
        database: async () => {
          throw new Error('connection refused');
        },
      },
      200,
    );
    expect(report).toEqual({ status: 'unavailable', checks: { database: 'unavailable' } });
  });

  it('gives up on a probe that never answers at the deadline, and aborts it', async () => {
    let aborted = false;
    const hanging = (signal: AbortSignal) =>
      new Promise<void>(() => {
        signal.addEventListener('abort', () => {
          aborted = true;
        });
      });
    const started = performance.now();
    const report = await checkHealth({ database: hanging, cache: async () => {} }, 100);
    expect(report).toEqual({ status: 'unavailable', checks: { database: 'unavailable', cache: 'ok' } });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(aborted).toBe(true);
  });
});
