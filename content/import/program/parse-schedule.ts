import { xmlProblem, xmlRootName } from '../xml-well-formed.ts';
import { parseFrabJson } from './frab-json.ts';
import { parseFrabXml } from './frab-xml.ts';
import type { ImportedSchedule, ScheduleFormat } from './imported-schedule.ts';
import { isRecord, list, optionalText, ScheduleReading } from './schedule-reading.ts';
import { parseSchema2Json } from './schema2-json.ts';

export type {
  ImportedLink,
  ImportedPerson,
  ImportedSchedule,
  ImportedSession,
  ScheduleFormat,
} from './imported-schedule.ts';
export { ScheduleImportError } from './imported-schedule.ts';

/**
 * The `$schema` values the parsers know, matched on the address's last part so that c3voc's
 * (https://c3voc.de/schedule/schema.json), pretalx's and a validator's relative "../schema.json" all
 * count. The XML names its XSD in xsi:noNamespaceSchemaLocation the same way. A document that names
 * none of them is still read by its shape; one that names another schema is refused, since a format
 * the parsers were not written for may mean something else by the same fields.
 */
const knownJsonSchemas: Record<string, ScheduleFormat> = {
  'schema.json': 'frab-json',
  'schema2.json': 'schema2-json',
  schedule2: 'schema2-json',
};
const knownXmlSchemas = new Set(['schema.xsd', 'schedule.xml.xsd', 'schedule-without-person.xml.xsd']);

const lastPart = (address: string) =>
  address
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .split('/')
    .at(-1) ?? '';

/** What a JSON document that is not a schedule is, for the message. */
function otherJson(document: unknown): string {
  if (Array.isArray(document)) return 'a JSON list';
  if (!isRecord(document)) return `a JSON ${typeof document}`;
  if (document.type === 'FeatureCollection' || document.type === 'Feature') return 'GeoJSON';
  if (Array.isArray(document.elements)) return 'OpenStreetMap JSON (Overpass)';
  return `a JSON object with ${Object.keys(document).slice(0, 5).join(', ') || 'no fields'}`;
}

function parseJson(reading: ScheduleReading, text: string): ImportedSchedule {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = Number(/at position (\d+)/.exec(message)?.[1] ?? Number.NaN);
    const cut =
      /end of JSON input|Unterminated string/.test(message) || position >= text.trimEnd().length - 1;
    reading.fail(
      '(file)',
      cut
        ? `the JSON ends before the document does: a truncated file? (${message})`
        : `not valid JSON: ${message}`,
    );
  }
  if (!isRecord(document) || !isRecord(document.schedule)) {
    reading.fail('(file)', `${otherJson(document)}, not a frab/pretalx schedule (no "schedule" object)`);
  }
  const schema = optionalText(document.$schema);
  const named = schema === undefined ? undefined : knownJsonSchemas[lastPart(schema)];
  if (schema !== undefined && named === undefined) {
    reading.fail(
      '$schema',
      `unknown schema version "${schema}": the importer reads schema.json (frab/pretalx) and schema2.json or https://c3voc.de/schema/schedule2 (c3voc schema2)`,
    );
  }
  // schema2 has conference.days too, but without rooms: days holding rooms of events are the classic shape.
  const { events, conference } = document.schedule;
  const days = isRecord(conference) ? conference.days : undefined;
  const classic =
    list(days).some((day) => isRecord(day) && isRecord(day.rooms)) ||
    (Array.isArray(days) && !Array.isArray(events));
  const shape: ScheduleFormat | undefined = classic
    ? 'frab-json'
    : Array.isArray(events)
      ? 'schema2-json'
      : undefined;
  if (shape === undefined) {
    reading.fail(
      'schedule',
      'neither conference.days (frab/pretalx) nor events (schema2): not a schedule it can read',
    );
  }
  if (named !== undefined && named !== shape) {
    reading.notes.push(
      `$schema "${schema}" names ${named} but the document is shaped as ${shape}: read as ${shape}`,
    );
  }
  return shape === 'schema2-json' ? parseSchema2Json(reading, document) : parseFrabJson(reading, document);
}

function parseXml(reading: ScheduleReading, text: string): ImportedSchedule {
  const root = xmlRootName(text);
  const malformed = xmlProblem(text);
  if (malformed) reading.fail(`(file) line ${malformed.line}`, malformed.problem);
  if (root !== 'schedule') {
    const what = root === 'osm' ? 'OpenStreetMap XML' : `an XML document whose root is <${root}>`;
    reading.fail('(file)', `${what}, not a frab schedule.xml (root <schedule>)`);
  }
  // Entity declarations can expand without bound; a schedule never needs them.
  if (/<!ENTITY/i.test(text))
    reading.fail('(file)', 'the XML declares entities, which a schedule never needs');
  const location = /noNamespaceSchemaLocation\s*=\s*["']([^"']*)["']/.exec(text)?.[1];
  if (location !== undefined && !knownXmlSchemas.has(lastPart(location))) {
    reading.fail(
      'schedule/@xsi:noNamespaceSchemaLocation',
      `unknown schema version "${location}": the importer reads the c3voc schedule XSD (schema.xsd, schedule.xml.xsd)`,
    );
  }
  return parseFrabXml(reading, text);
}

/**
 * Reads a frab/pretalx schedule export: the classic `schedule.json`, the c3voc schema2 JSON or the frab
 * `schedule.xml`, told apart by their content (never by the file's name, which is only for messages).
 * Throws ScheduleImportError naming the file and the item on anything it cannot import truthfully.
 */
export function parseSchedule(text: string, fileName: string): ImportedSchedule {
  const reading = new ScheduleReading(fileName);
  const content = text.replace(/^\uFEFF/, '');
  const first = content.trimStart()[0];
  if (first === '{' || first === '[') return parseJson(reading, content);
  if (first === '<') return parseXml(reading, content);
  return reading.fail(
    '(file)',
    first === undefined ? 'the file is empty' : 'neither JSON nor XML: not a schedule export',
  );
}
