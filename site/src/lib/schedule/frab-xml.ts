import type { Edition } from '../../../../content/schemas/edition.ts';
import type { Program } from '../../../../content/schemas/program.ts';
import { type FrabEvent, frabSchedule, generatorName } from './frab-json.ts';
import { absoluteUrl, type ScheduleOptions } from './schedule-context.ts';

// Characters XML 1.0 cannot carry at all, not even as references: most C0 controls, lone surrogates,
// U+FFFE and U+FFFF. Content is typed by people, so a stray one is dropped rather than failing the build.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const notXmlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/gu;

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Parsers turn a literal CR into LF, and tabs and newlines in attributes into spaces; as references
  // they survive, and text stays free to be indented.
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
};

/** Text for element content and attribute values alike. */
function escapeXml(text: string): string {
  return text
    .replace(notXmlCharacters, '')
    .replace(/[&<>"'\r\n\t]/g, (character) => entities[character] ?? '');
}

type Attributes = Record<string, string | number>;

function element(name: string, attributes: Attributes, content?: string | string[]): string {
  const attributeText = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
  if (content === undefined || content.length === 0) return `<${name}${attributeText}/>`;
  if (typeof content === 'string') return `<${name}${attributeText}>${escapeXml(content)}</${name}>`;
  return `<${name}${attributeText}>\n${content.map((line) => indent(line)).join('\n')}\n</${name}>`;
}

const indent = (block: string) =>
  block
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');

const textElement = (name: string, text: string) => element(name, {}, text);

// The XSD takes pretalx's six-character codes only; a frab export's longer codes stay in the JSON.
const xsdCode = /^[0-9A-Z]{6}$/;

function eventElement(event: FrabEvent): string {
  const recorded = event.recording_license !== undefined || event.do_not_record !== undefined;
  return element(
    'event',
    { id: event.id, guid: event.guid, ...(xsdCode.test(event.code) ? { code: event.code } : {}) },
    [
      textElement('date', event.date),
      textElement('start', event.start),
      textElement('duration', event.duration),
      textElement('room', event.room),
      textElement('slug', event.slug),
      textElement('url', event.url),
      textElement('title', event.title),
      textElement('subtitle', event.subtitle),
      textElement('track', event.track ?? ''),
      textElement('type', event.type),
      textElement('language', event.language),
      textElement('abstract', event.abstract ?? ''),
      ...(event.description === null ? [] : [textElement('description', event.description)]),
      ...(recorded
        ? [
            element('recording', {}, [
              textElement('license', event.recording_license ?? ''),
              textElement('optout', String(event.do_not_record ?? false)),
            ]),
          ]
        : []),
      element(
        'persons',
        {},
        event.persons.map((person) => element('person', { id: person.id, guid: person.guid }, person.name)),
      ),
      element(
        'links',
        {},
        event.links.map((link) => element('link', { href: link.url }, link.title)),
      ),
      ...(event.origin_url === undefined ? [] : [textElement('origin_url', event.origin_url)]),
    ],
  );
}

// The XSD's track slug must start with a letter, stricter than a program id.
const xsdTrackSlug = /^[a-z][a-z0-9-]+$/;

/** The frab XML schedule (c3voc's schedule.xml.xsd): the same content as the JSON schedule. */
export function frabScheduleXml(program: Program, edition: Edition, options: ScheduleOptions): string {
  const { schedule } = frabSchedule(program, edition, options);
  const { conference } = schedule;
  const document = element('schedule', {}, [
    element('generator', { name: generatorName }),
    textElement('url', absoluteUrl(options, '/schedule.xml')),
    textElement('version', schedule.version),
    element('conference', {}, [
      textElement('acronym', conference.acronym),
      textElement('title', conference.title),
      textElement('start', conference.start),
      textElement('end', conference.end),
      textElement('days', String(conference.daysCount)),
      textElement('timeslot_duration', conference.timeslot_duration),
      textElement('base_url', schedule.base_url),
      textElement('url', conference.url),
      textElement('time_zone_name', conference.time_zone_name),
      ...conference.tracks.map(({ name, slug, color }) =>
        element('track', { name, color, ...(xsdTrackSlug.test(slug) ? { slug } : {}) }, name),
      ),
    ]),
    ...conference.days.map((day) =>
      element(
        'day',
        { index: day.index, date: day.date, start: day.day_start, end: day.day_end },
        conference.rooms.map(({ name, guid }) =>
          element('room', { name, guid }, (day.rooms[name] ?? []).map(eventElement)),
        ),
      ),
    ),
  ]);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${document}\n`;
}
