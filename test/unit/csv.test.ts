import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../functions/domain/csv.ts';
import { parseCsv } from '../support/parse-csv.ts';

const bom = '\uFEFF';

describe('toCsv', () => {
  it('starts with a byte order mark and ends every record with CRLF', () => {
    expect(
      toCsv([
        ['name', 'country'],
        ['Ada', 'UK'],
      ]),
    ).toBe(`${bom}name,country\r\nAda,UK\r\n`);
  });

  it('quotes fields with a comma, a quote, a CR or an LF, doubling the quotes', () => {
    const csv = toCsv([['Wuzhen, Tongxiang', 'say "nǐ hǎo"', 'line one\nline two', 'a\rb', 'plain']]);
    expect(csv).toBe(`${bom}"Wuzhen, Tongxiang","say ""nǐ hǎo""","line one\nline two","a\rb",plain\r\n`);
  });

  it('writes Chinese text as it is', () => {
    expect(toCsv([['张伟', '浙江省桐乡市乌镇']])).toBe(`${bom}张伟,浙江省桐乡市乌镇\r\n`);
  });

  it.each(['=', '+', '-', '@', '\t', '\r'])('defuses a text cell starting with %j', (prefix) => {
    const cell = `${prefix}HYPERLINK("https://attacker.example","click")`;
    const [row] = parseCsv(toCsv([[cell]]).slice(1));
    expect(row).toEqual([`'${cell}`]);
  });

  it('leaves a formula character inside the text alone', () => {
    expect(toCsv([['Lee-Smith', 'a=b', 'x@example.org']])).toBe(`${bom}Lee-Smith,a=b,x@example.org\r\n`);
  });

  it('writes numbers and booleans as they are, negative numbers included, and null as empty', () => {
    expect(toCsv([[-42, 3.5, 0, true, false, null, undefined, '']])).toBe(
      `${bom}-42,3.5,0,true,false,,,\r\n`,
    );
  });

  it('reads back as the same cells, defused ones with an apostrophe in front', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', '张', ',', '"', '\r', '\n', '=', '-', '@', '\t', ' '),
    });
    const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 5 });
    fc.assert(
      fc.property(rows, (table) => {
        const csv = toCsv(table);
        expect(csv.startsWith(bom)).toBe(true);
        const expected = table.map((row) =>
          row.map((text) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text)),
        );
        expect(parseCsv(csv.slice(1))).toEqual(expected);
      }),
    );
  });
});
