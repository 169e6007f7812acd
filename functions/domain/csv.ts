export type CsvCell = string | number | boolean | null | undefined;

/** Excel reads a BOM-less file in the system code page, which garbles Chinese names. */
const byteOrderMark = '\uFEFF';

/**
 * Spreadsheets run a cell that starts with one of these as a formula, so a registrant could put
 * `=HYPERLINK(...)` in a name and have it run on an organizer's machine. The leading apostrophe
 * shows, but keeps the cell text.
 */
const formulaStart = /^[=+\-@\t\r]/;

const needsQuotes = /[",\r\n]/;

function field(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  // A number is data the program wrote, not text from a person: -3 stays a number.
  if (typeof cell !== 'string') return String(cell);
  const text = formulaStart.test(cell) ? `'${cell}` : cell;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 text, every record ending in CRLF, ready to save as a .csv file. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return byteOrderMark + rows.map((row) => `${row.map(field).join(',')}\r\n`).join('');
}
