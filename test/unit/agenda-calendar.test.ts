import { describe, expect, it } from 'vitest';
import { calendarWith } from '../../site/src/scripts/agenda-calendar.ts';

const calendar = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Shanghai',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:aaaa',
  'SUMMARY:First',
  'END:VEVENT',
  'BEGIN:VEVENT',
  // A folded UID: a long line continues after CRLF and one space.
  'UID:bb',
  ' bb',
  'SUMMARY:Second, with a long',
  '  description',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('the agenda calendar', () => {
  it('keeps the calendar, its time zone and only the wanted events, folds and all', () => {
    const kept = calendarWith(calendar, new Set(['bbbb']));
    expect(kept).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'BEGIN:VTIMEZONE',
        'TZID:Asia/Shanghai',
        'END:VTIMEZONE',
        'BEGIN:VEVENT',
        'UID:bb',
        ' bb',
        'SUMMARY:Second, with a long',
        '  description',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('keeps no event when none is wanted', () => {
    expect(calendarWith(calendar, new Set())).not.toContain('VEVENT');
  });
});
