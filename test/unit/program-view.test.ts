import { describe, expect, it } from 'vitest';
import {
  type Program,
  roomSchema,
  sessionSchema,
  speakerSchema,
  trackSchema,
} from '../../content/schemas/program.ts';
import { followedIn, programLanguages, programView } from '../../site/src/lib/program-view.ts';
import { languageLabel } from '../../site/src/lib/session-language.ts';
import { zoneDescription } from '../../site/src/lib/zone-description.ts';
import { formatSessionClock } from '../../site/src/scripts/format.ts';

const guid = (n: number) => `8079583e-8321-506c-95af-fd2903a5f0${String(n).padStart(2, '0')}`;
const session = (id: string, fields: Record<string, unknown>) =>
  sessionSchema.parse({
    id,
    guid: guid(id.length),
    title: id,
    type: 'talk',
    language: 'en',
    room: 'gray-room',
    duration: 60,
    ...fields,
  });

// What an imported schedule may hold: one room booked twice, one speaker in two places at once.
const program: Program = {
  rooms: ['gray-room', 'blue-room'].map((id) => roomSchema.parse({ id, name: id })),
  tracks: [trackSchema.parse({ id: 'phased', name: 'Phased', color: '#1f6f8b' })],
  speakers: ['ada', 'brian'].map((id) => speakerSchema.parse({ id, name: id.toUpperCase() })),
  sessions: [
    session('first', { start: '2027-03-27 10:00', speakers: ['ada', 'brian'] }),
    session('second', { start: '2027-03-27 10:30', speakers: ['brian'] }),
    session('elsewhere', {
      start: '2027-03-27 10:15',
      room: 'blue-room',
      speakers: ['ada', 'brian'],
      language: 'de',
    }),
    session('afterwards', {
      start: '2027-03-27 11:30',
      speakers: ['ada'],
      language: 'zh',
      interpretation: true,
    }),
  ],
};
const view = programView(program, { timeZone: 'Europe/Berlin', sample: false });
const ids = (sessions: Array<{ id: string }>) => sessions.map(({ id }) => id);

describe('the program as the pages show an imported schedule', () => {
  it('names the sessions in the same room at the same time, on both of them', () => {
    expect(ids(view.clashes('first').sameRoom)).toEqual(['second']);
    expect(ids(view.clashes('second').sameRoom)).toEqual(['first']);
    expect(view.clashes('afterwards')).toEqual({ sameRoom: [], sameSpeakers: [] });
  });

  it('names each other session a speaker is in at the same time, with every speaker they share', () => {
    const { sameSpeakers } = view.clashes('first');
    expect(sameSpeakers.map(({ session: other, speakers }) => [other.id, ids(speakers)])).toEqual([
      ['elsewhere', ['ada', 'brian']],
      ['second', ['brian']],
    ]);
  });

  it("offers every language the program can be followed in, the portal's two first", () => {
    expect(followedIn(program.sessions[3] as Program['sessions'][number])).toEqual(['en', 'zh']);
    expect(programLanguages(program)).toEqual(['en', 'zh', 'de']);
    expect(languageLabel('en', 'de')).toBe('German');
    expect(languageLabel('zh', 'de')).toBe('德语');
    // What the importer writes when an export names no language (Intl would say "root").
    expect(languageLabel('en', 'und')).toBe('Not stated');
    expect(languageLabel('zh', 'und')).toBe('未注明');
    expect(languageLabel('zh', 'zh')).toBe('中文');
    expect(languageLabel('en', 'pt-BR')).toBe('Brazilian Portuguese');
  });

  it("describes the edition's zone with its offsets over the conference days", () => {
    const dates = { startDate: '2027-03-27', endDate: '2027-03-28' };
    expect(zoneDescription('en', { ...dates, timeZone: 'Europe/Berlin' })).toEqual({
      name: 'Central European Time',
      zone: 'Europe/Berlin',
      offset: 'UTC+1/UTC+2',
    });
    expect(
      zoneDescription('zh', { startDate: '2027-11-17', endDate: '2027-11-19', timeZone: 'Asia/Shanghai' }),
    ).toEqual({
      name: '中国标准时间',
      zone: 'Asia/Shanghai',
      offset: 'UTC+8',
    });
    expect(zoneDescription('en', { ...dates, timeZone: 'Asia/Kolkata' }).offset).toBe('UTC+5:30');
  });

  it('shows the end of a session past midnight with its day', () => {
    expect(formatSessionClock('en', '2027-03-28T04:00:00+02:00', 'Europe/Berlin', '2027-03-27')).toBe(
      '28 Mar 04:00',
    );
    expect(formatSessionClock('zh', '2027-03-28T04:00:00+02:00', 'Europe/Berlin', '2027-03-27')).toBe(
      '3月28日 04:00',
    );
    expect(formatSessionClock('en', '2027-03-27T23:00:00+01:00', 'Europe/Berlin', '2027-03-27')).toBe(
      '23:00',
    );
  });
});
