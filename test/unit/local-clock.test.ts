import { afterEach, describe, expect, it, vi } from 'vitest';
import { localClock } from '../../local/local-clock.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('the local portal clock (LOCAL_CLOCK_START)', () => {
  it('starts at the given instant and runs on at the real pace', () => {
    vi.useFakeTimers({ now: new Date('2031-05-05T00:00:00Z') });
    const now = localClock({ LOCAL_CLOCK_START: '2027-03-01T10:00:00+08:00' });
    expect(now().toISOString()).toBe('2027-03-01T02:00:00.000Z');
    vi.advanceTimersByTime(90_000);
    expect(now().toISOString()).toBe('2027-03-01T02:01:30.000Z');
  });

  it('is the real time when unset', () => {
    vi.useFakeTimers({ now: new Date('2031-05-05T00:00:00Z') });
    expect(localClock({})().toISOString()).toBe('2031-05-05T00:00:00.000Z');
  });

  it('refuses what is not an instant', () => {
    expect(() => localClock({ LOCAL_CLOCK_START: 'next tuesday' })).toThrow(/LOCAL_CLOCK_START/);
  });
});
