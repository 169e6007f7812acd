import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchConnection } from '../../site/src/scripts/checkin-connection.ts';

const times = { probeMs: 15_000, retryMs: 1_000, retryMaxMs: 4_000 };

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('navigator', { onLine: true });
  vi.stubGlobal('addEventListener', () => {});
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the check-in desk connection', () => {
  it('syncs again after a failed sync while online, pausing longer after each failure in a row', async () => {
    const probe = vi.fn();
    const connection = watchConnection(() => {}, probe, times);
    const probedAfter = async (ms: number) => {
      probe.mockClear();
      await vi.advanceTimersByTimeAsync(ms);
      return probe.mock.calls.length;
    };
    connection.failed();
    expect(await probedAfter(999)).toBe(0);
    expect(await probedAfter(1)).toBe(1);
    connection.failed();
    expect(await probedAfter(1_999)).toBe(0);
    expect(await probedAfter(1)).toBe(1);
    connection.failed();
    expect(await probedAfter(4_000)).toBe(1);
    // Up to the longest pause, then a sync that goes through starts the pauses short again.
    connection.failed();
    expect(await probedAfter(3_999)).toBe(0);
    expect(await probedAfter(1)).toBe(1);
    connection.synced();
    connection.failed();
    expect(await probedAfter(1_000)).toBe(1);
  });

  it('leaves a failed sync to the probe and the online event while offline, and schedules one retry at a time', async () => {
    const probe = vi.fn();
    const connection = watchConnection(() => {}, probe, times);
    connection.failed();
    connection.failed();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(probe).toHaveBeenCalledTimes(1);
    connection.failed();
    connection.unanswered();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(probe).toHaveBeenCalledTimes(1);
  });
});
