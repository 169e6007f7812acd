import { describe, expect, it } from 'vitest';
import { type ImportedSchedule, ScheduleImportError } from '../../content/import/program/parse-schedule.ts';
import { planProgram } from '../../content/import/program/plan-program.ts';
import type { ProgramDocuments } from '../../content/import/program/program-documents.ts';
import { trackPalette } from '../../content/import/program/track-palette.ts';

type ImportedSession = ImportedSchedule['sessions'][number];

function session(guid: string, overrides: Partial<ImportedSession> = {}): ImportedSession {
  return {
    guid,
    title: `Talk ${guid.slice(0, 4)}`,
    start: '2020-12-14T09:00:00+01:00',
    durationMinutes: 30,
    room: 'Gray Room',
    persons: [],
    links: [],
    recording: {},
    where: `days[0].rooms.Gray Room[${guid.slice(0, 1)}]`,
    ...overrides,
  };
}

function schedule(sessions: ImportedSession[], overrides: Partial<ImportedSchedule> = {}): ImportedSchedule {
  return {
    format: 'frab-json',
    version: 'v1',
    conference: { title: 'DemoCon', start: '2020-12-14', end: '2020-12-16', timeZone: 'UTC' },
    rooms: [
      { name: 'Gray Room', guid: 'b379c473-93b9-4eae-9a09-d482e86cede3' },
      { name: 'Tan Room', guid: 'b379c473-93b9-4eae-9a09-d482e86cede3' },
    ],
    tracks: [],
    sessions,
    skipped: [],
    notes: [],
    ...overrides,
  };
}

const empty: ProgramDocuments = { rooms: [], tracks: [], speakers: [], sessions: [] };
const options = { fileName: 'democon.json', timeZone: 'UTC' };
const guid = (digit: string) => `${digit.repeat(8)}-1111-4111-8111-111111111111`;

describe('planProgram', () => {
  it('matches rooms sharing one guid by name and keeps no guid for them', () => {
    const plan = planProgram(schedule([session(guid('a'))]), empty, options);
    expect(plan.rooms).toEqual([
      { id: 'gray-room', name: 'Gray Room' },
      { id: 'tan-room', name: 'Tan Room' },
    ]);
    expect(plan.notes.join('\n')).toMatch(/Gray Room, Tan Room share the guid/);
  });

  it('keeps the id of a session that moved or was renamed, and reports the one removed', () => {
    const first = planProgram(
      schedule(
        [
          session(guid('a'), { title: 'Opening' }),
          session(guid('b'), { title: 'Closing', start: '2020-12-15T09:00:00+01:00' }),
          session(guid('c'), { title: 'Gone' }),
        ].map((entry, index) => ({ ...entry, start: entry.start.replace('09:00', `0${index + 1}:00`) })),
      ),
      empty,
      options,
    );
    expect(first.sessions.map(({ id }) => id)).toEqual(['opening', 'closing', 'gone']);
    const second = planProgram(
      schedule([
        session(guid('a'), { title: 'Opening', start: '2020-12-16T11:00:00+01:00', room: 'Tan Room' }),
        session(guid('b'), { title: 'Farewell', start: '2020-12-15T02:00:00+01:00' }),
        session(guid('d'), { title: 'Gone' }),
      ]),
      first,
      options,
    );
    expect(second.sessions.map(({ id }) => id)).toEqual(['opening', 'closing', 'gone-2']);
    const { moved, renamed, removed, added } = second.changes.sessions;
    expect(moved).toEqual([
      { id: 'opening', name: 'Opening', detail: '2020-12-14 00:00 gray-room → 2020-12-16 10:00 tan-room' },
    ]);
    expect(renamed).toEqual([{ id: 'closing', name: 'Farewell', detail: '"Closing" → "Farewell"' }]);
    expect(removed).toEqual([{ id: 'gone', name: 'Gone' }]);
    expect(added.map(({ id }) => id)).toEqual(['gone-2']);
  });

  it('counts a session the schedule did not change as unchanged', () => {
    const imported = schedule([session(guid('a'), { title: 'Opening' })]);
    const plan = planProgram(imported, planProgram(imported, empty, options), options);
    expect(plan.changes.sessions.unchanged.map(({ id }) => id)).toEqual(['opening']);
    expect(plan.changes.rooms.unchanged).toHaveLength(2);
  });

  it("keeps an editor's translation while the schedule's text is unchanged, and says when it replaces one", () => {
    const imported = schedule([session(guid('a'), { title: 'Opening', abstract: 'Welcome.' })]);
    const written = planProgram(imported, empty, options);
    const translated: ProgramDocuments = {
      ...written,
      sessions: written.sessions.map((entry) => ({
        ...entry,
        title: { en: 'Opening', zh: '开幕' },
        abstract: { en: 'Welcome.', zh: '欢迎。' },
      })),
    };
    const changedAbstract = schedule([session(guid('a'), { title: 'Opening', abstract: 'Welcome to all.' })]);
    const plan = planProgram(changedAbstract, translated, options);
    expect(plan.sessions[0]?.title).toEqual({ en: 'Opening', zh: '开幕' });
    expect(plan.sessions[0]?.abstract).toBe('Welcome to all.');
    expect(plan.notes).toContain(
      'session "opening": abstract: the schedule changed "Welcome." to "Welcome to all.", which replaces the translation',
    );
  });

  it('gives each speaker one id across sessions, matched by guid, code, frab id, then name', () => {
    const imported = schedule([
      session(guid('a'), {
        persons: [
          { name: 'Brian Robinson', code: 'NQTF8Y' },
          { name: 'Li Wei', frabId: 7 },
        ],
      }),
      session(guid('b'), {
        start: '2020-12-14T10:00:00+01:00',
        persons: [
          { name: 'Brian R.', code: 'NQTF8Y', biography: 'Writes.' },
          { name: 'Li Wei', frabId: 8 },
        ],
      }),
    ]);
    const plan = planProgram(imported, empty, options);
    expect(plan.speakers.map(({ id, bio }) => [id, bio])).toEqual([
      ['brian-robinson', 'Writes.'],
      ['li-wei', undefined],
      ['li-wei-2', undefined],
    ]);
    expect(plan.sessions.map(({ speakers }) => speakers)).toEqual([
      ['brian-robinson', 'li-wei'],
      ['brian-robinson', 'li-wei-2'],
    ]);
    const renamed = schedule([
      session(guid('a'), { persons: [{ name: 'Brian Robinson-Hale', code: 'NQTF8Y' }] }),
    ]);
    const again = planProgram(
      renamed,
      { ...plan, speakers: plan.speakers.map((speaker) => ({ ...speaker, affiliation: 'ACME' })) },
      options,
    );
    expect(again.speakers).toEqual([
      {
        id: 'brian-robinson',
        code: 'NQTF8Y',
        name: 'Brian Robinson-Hale',
        affiliation: 'ACME',
        bio: 'Writes.',
      },
    ]);
    expect(again.changes.speakers.removed.map(({ id }) => id)).toEqual(['li-wei', 'li-wei-2']);
  });

  it('falls back to s-<code> for titles without Latin letters', () => {
    const plan = planProgram(
      schedule([
        session(guid('a'), { title: '数字经济论坛', code: 'G9JGWY' }),
        session(guid('b'), { title: '开幕式', start: '2020-12-14T10:00:00+01:00' }),
      ]),
      empty,
      options,
    );
    expect(plan.sessions.map(({ id }) => id)).toEqual(['s-g9jgwy', expect.stringMatching(/^s-[0-9a-f]{8}$/)]);
  });

  it('stops at two sessions in one room with the same start, naming both', () => {
    const clash = schedule([
      session(guid('a'), { title: 'First', where: 'days[0].rooms.Gray Room[0]' }),
      session(guid('b'), {
        title: 'Second',
        start: '2020-12-14T08:00:00Z',
        where: 'days[0].rooms.Gray Room[1]',
      }),
    ]);
    expect(() => planProgram(clash, empty, options)).toThrow(ScheduleImportError);
    expect(() => planProgram(clash, empty, options)).toThrow(
      `democon.json: days[0].rooms.Gray Room[0] "First" (guid ${guid('a')}) and days[0].rooms.Gray Room[1] "Second" (guid ${guid('b')}) both start in Gray Room at 2020-12-14T08:00:00Z`,
    );
  });

  it('gives tracks the palette colours in turn, keeping the colour a track has', () => {
    const imported = schedule(
      [
        session(guid('a'), { track: 'Phased' }),
        session(guid('b'), { track: 'Horizontal', start: '2020-12-14T10:00:00+01:00' }),
      ],
      { tracks: [{ name: 'Given', color: '#0055AA' }] },
    );
    const first = planProgram(imported, empty, options);
    expect(first.tracks).toEqual([
      { id: 'given', name: 'Given', color: '#0055aa' },
      { id: 'phased', name: 'Phased', color: trackPalette[0] },
      { id: 'horizontal', name: 'Horizontal', color: trackPalette[1] },
    ]);
    const recoloured = {
      ...first,
      tracks: first.tracks.map((track) => ({
        ...track,
        color: track.id === 'horizontal' ? '#123456' : track.color,
      })),
    };
    expect(planProgram(imported, recoloured, options).tracks[2]?.color).toBe('#123456');
  });
});
