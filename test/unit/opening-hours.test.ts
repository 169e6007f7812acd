import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  isOpenAt,
  nextChange,
  openingHoursProblem,
  openingStateAt,
  publicHolidaysSupported,
} from '../../functions/domain/opening-hours.ts';

/** An instant given as Shanghai wall-clock time (UTC+8), so each case reads as a visitor sees it. */
const shanghai = (wallClock: string) => new Date(`${wallClock}+08:00`);

interface Case {
  value: string;
  at: string;
  open: boolean;
  /** Shanghai wall-clock time of the next change, or undefined when there is none. */
  next: string | undefined;
}

// 2 June 2025 is a Monday, and no zone used below changes to or from daylight saving near these dates.
const cases: Case[] = [
  { value: 'Mo-Su 09:00-17:00', at: '2025-06-02T08:59', open: false, next: '2025-06-02T09:00' },
  { value: 'Mo-Su 09:00-17:00', at: '2025-06-02T09:00', open: true, next: '2025-06-02T17:00' },
  { value: 'Mo-Su 09:00-17:00', at: '2025-06-02T16:59', open: true, next: '2025-06-02T17:00' },
  { value: 'Mo-Su 09:00-17:00', at: '2025-06-02T17:00', open: false, next: '2025-06-03T09:00' },
  // Open past midnight: 01:00 on Tuesday belongs to Monday evening.
  { value: 'Mo-Su 18:00-02:00', at: '2025-06-02T17:59', open: false, next: '2025-06-02T18:00' },
  { value: 'Mo-Su 18:00-02:00', at: '2025-06-03T01:00', open: true, next: '2025-06-03T02:00' },
  { value: 'Mo-Su 18:00-02:00', at: '2025-06-03T02:00', open: false, next: '2025-06-03T18:00' },
  // 10:00 on Friday in Shanghai is still Thursday evening in New York; 09:30 on Monday is 01:30 in UTC.
  { value: 'Mo-Fr 09:00-18:00; Sa,Su off', at: '2025-06-06T10:00', open: true, next: '2025-06-06T18:00' },
  { value: 'Mo-Fr 09:00-18:00; Sa,Su off', at: '2025-06-07T10:00', open: false, next: '2025-06-09T09:00' },
  { value: 'Mo-Fr 09:00-18:00; Sa,Su off', at: '2025-06-08T23:59', open: false, next: '2025-06-09T09:00' },
  { value: 'Mo-Fr 09:00-18:00; Sa,Su off', at: '2025-06-09T09:30', open: true, next: '2025-06-09T18:00' },
  { value: '24/7', at: '2025-06-08T03:00', open: true, next: undefined },
  // A comment without an explicit state makes the hours unknown, which is not open (see openingStateAt).
  {
    value: 'Mo-Su 10:00-22:00 "kitchen closes 21:30"',
    at: '2025-06-04T21:45',
    open: false,
    next: '2025-06-04T22:00',
  },
  {
    value: 'Mo-Su 10:00-22:00 open "kitchen closes 21:30"',
    at: '2025-06-04T21:45',
    open: true,
    next: '2025-06-04T22:00',
  },
  {
    value: 'Mo-Su 10:00-22:00 "kitchen closes 21:30"',
    at: '2025-06-04T22:00',
    open: false,
    next: '2025-06-05T10:00',
  },
];

function expectCase({ value, at, open, next }: Case): void {
  const label = `${value} at ${at} in Shanghai`;
  expect(isOpenAt(value, shanghai(at)), label).toBe(open);
  expect(nextChange(value, shanghai(at)), label).toEqual(next === undefined ? undefined : shanghai(next));
}

describe('isOpenAt and nextChange', () => {
  it.each(cases)('$value at $at (Shanghai): open $open, next change $next', (testCase) => {
    expectCase(testCase);
  });

  it('read the same fixed instants whatever the time zone of the process', () => {
    // Fixed instants, written in UTC, against results worked out on Wuzhen's clock.
    expect(isOpenAt('Mo-Fr 09:00-18:00; Sa,Su off', new Date('2025-06-06T02:00:00Z'))).toBe(true);
    expect(isOpenAt('Mo-Fr 09:00-18:00; Sa,Su off', new Date('2025-06-09T01:30:00Z'))).toBe(true);
    expect(isOpenAt('Mo-Su 18:00-02:00', new Date('2025-06-02T17:00:00Z'))).toBe(true);
    expect(nextChange('Mo-Fr 09:00-18:00; Sa,Su off', new Date('2025-06-07T02:00:00Z'))).toEqual(
      new Date('2025-06-09T01:00:00Z'),
    );
  });

  describe('with the process switched to other time zones', () => {
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    // Offsets from UTC in June, in minutes as getTimezoneOffset gives them (west is positive).
    const zones: Array<[string, number]> = [
      ['UTC', 0],
      ['America/New_York', 240],
      ['Asia/Shanghai', -480],
      ['Asia/Kolkata', -330],
      ['Pacific/Chatham', -765],
    ];

    it.each(zones)('give the same answers in %s', (zone, juneOffset) => {
      vi.stubEnv('TZ', zone);
      // Node reads TZ again when it is set; this makes sure the process really runs in that zone.
      expect(new Date('2025-06-02T00:00:00Z').getTimezoneOffset()).toBe(juneOffset);
      for (const testCase of cases) expectCase(testCase);
    });
  });

  it('throw the reason for a value that is not opening hours', () => {
    expect(() => openingStateAt('Mo-Su 25:00-26:00', shanghai('2025-06-02T12:00'))).toThrow(/outside/);
    expect(() => isOpenAt('Mo-Su 25:00-26:00', shanghai('2025-06-02T12:00'))).toThrow(
      /outside of the current day/,
    );
    expect(() => nextChange('garbage', shanghai('2025-06-02T12:00'))).toThrow(/Unexpected token/);
  });

  it('refuse an invalid date', () => {
    expect(() => isOpenAt('24/7', new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('openingStateAt', () => {
  it('tells open, closed and unknown apart, with the comment that applies', () => {
    const kitchen = 'Mo-Su 10:00-22:00 open "kitchen closes 21:30"';
    expect(openingStateAt(kitchen, shanghai('2025-06-04T21:45'))).toEqual({
      state: 'open',
      comment: 'kitchen closes 21:30',
    });
    expect(openingStateAt(kitchen, shanghai('2025-06-04T22:30'))).toEqual({
      state: 'closed',
      comment: undefined,
    });
    // Without "open", the specification leaves it to the reader whether the comment qualifies the hours.
    expect(openingStateAt('Mo-Su 10:00-22:00 "kitchen closes 21:30"', shanghai('2025-06-04T21:45'))).toEqual({
      state: 'unknown',
      comment: 'kitchen closes 21:30',
    });
    expect(openingStateAt('Mo-Su 10:00-22:00 unknown', shanghai('2025-06-04T12:00')).state).toBe('unknown');
  });

  it("reads Wuzhen's clock: 10:00 on Friday there is Thursday evening in New York", () => {
    expect(openingStateAt('Mo-Fr 09:00-18:00', new Date('2025-06-06T02:00:00Z')).state).toBe('open');
  });
});

describe('public holidays', () => {
  it('are known for China', () => {
    expect(publicHolidaysSupported).toBe(true);
  });

  it('close a venue marked "PH off" on National Day, 1 October, and not a week later', () => {
    const value = 'Mo-Su 09:00-17:00; PH off';
    expect(isOpenAt(value, shanghai('2025-10-01T12:00'))).toBe(false);
    expect(isOpenAt(value, shanghai('2025-10-08T12:00'))).toBe(true);
    expect(nextChange(value, shanghai('2025-09-30T12:00'))).toEqual(shanghai('2025-09-30T17:00'));
    expect(nextChange(value, shanghai('2025-09-30T17:00'))).toEqual(shanghai('2025-10-04T09:00'));
  });

  it('are only the fixed-date ones: the Spring Festival is not among them', () => {
    // 29 January 2025 was the first day of the Lunar New Year.
    expect(isOpenAt('Mo-Su 09:00-17:00; PH off', shanghai('2025-01-29T12:00'))).toBe(true);
  });
});

describe('openingHoursProblem', () => {
  it.each([
    'Mo-Su 09:00-17:00',
    'Mo-Su 18:00-02:00',
    'Mo-Fr 09:00-18:00; Sa,Su off',
    '24/7',
    'Mo-Su 10:00-22:00 "kitchen closes 21:30"',
    'Mo-Su 09:00-17:00; PH off',
    'Apr-Oct Mo-Su 08:30-18:30; Nov-Mar Mo-Su 09:00-16:30',
    'Mo-Su sunrise-sunset',
  ])('accepts %s', (value) => {
    expect(openingHoursProblem(value)).toBeUndefined();
  });

  it.each([
    ['Mo-Su 25:00-26:00', /outside of the current day.*after "Mo-Su 25:00"/],
    ['garbage', /Unexpected token/],
    ['', /nothing meaningful/],
    ['Mo-Su 10:00', /hyphen \(-\) or open end \(\+\) in time range expected/],
    ['Jan 10-Feb 30', /Feb either has 28 or 29 days/],
  ])('says what is wrong with %j', (value, reason) => {
    expect(openingHoursProblem(value)).toMatch(reason);
  });

  it('refuses school holidays, which the library does not know for China, without logging', () => {
    const log = vi.spyOn(console, 'error');
    try {
      expect(openingHoursProblem('Mo-Su 09:00-17:00; SH off')).toBe(
        'school holidays (SH) are not known for China',
      );
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
    expect(openingHoursProblem('Mo-Su 09:00-17:00 "closed in SH"')).toBeUndefined();
  });

  it('keeps its reasons short: no advice meant for developers', () => {
    expect(openingHoursProblem('garbage')).not.toMatch(/This means|pull request|opening_hours\.js/);
    expect(openingHoursProblem('Mo-Su 10:00')).not.toMatch(/This means|pull request|opening_hours\.js/);
  });
});
