import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexTerms, maxWordLength, queryTerms, rankMatch } from '../../functions/domain/search-terms.ts';

/** What the store does: a venue is found when its index items cover every term of the query. */
function finds(query: string, venueTexts: readonly string[]): boolean {
  const terms = queryTerms(query);
  const indexed = new Set(indexTerms(venueTexts));
  return terms.length > 0 && terms.every((term) => indexed.has(term));
}

const tongan = ["Tong'an Inn", '同安客栈', 'inn', 'No. 8 Xizha Street, Wuzhen', '乌镇西栅大街8号'];
const hospital = ['Wuzhen Internet Hospital', '乌镇互联网医院', 'hospital', 'Longxiang Road', '龙翔路'];
const maoDun = ['Former Residence of Mao Dun', '茅盾故居', 'sight', 'Dongzha, Wuzhen', '乌镇东栅'];
const cafe = ['Café Wūzhèn', '乌镇咖啡', 'cafe', 'Xizha, Wuzhen', '乌镇西栅'];

describe('indexTerms', () => {
  it('gives every prefix of two letters and more of each word, in lower case', () => {
    const terms = indexTerms(['Inn Tong']);
    expect(terms).toEqual(expect.arrayContaining(['in', 'inn', 'to', 'ton', 'tong']));
    expect(terms).not.toContain('i');
    expect(terms).not.toContain('t');
    expect(terms).not.toContain('Inn');
  });

  it("indexes a word joined by an apostrophe or a hyphen by its parts and as a whole: Tong'an, Wi-Fi", () => {
    expect(indexTerms(["Tong'an"])).toEqual(expect.arrayContaining(['tong', 'an', 'tongan']));
    expect(indexTerms(['Wi-Fi'])).toEqual(expect.arrayContaining(['wi', 'fi', 'wifi']));
  });

  it('gives the character pairs and single characters of Han text, across spaces and dots', () => {
    expect(indexTerms(['茅盾 · 故居']).sort()).toEqual(
      ['茅', '盾', '故', '居', '茅盾', '盾故', '故居'].sort(),
    );
  });

  it('drops accents and folds full-width letters and digits', () => {
    expect(indexTerms(['Wūzhèn'])).toContain('wuzhen');
    expect(indexTerms(['Ｗｕｚｈｅｎ ２０２５'])).toEqual(expect.arrayContaining(['wuzhen', '2025']));
  });

  it(`stops prefixes at ${maxWordLength} letters and lists each term once`, () => {
    const long = 'a'.repeat(30);
    const terms = indexTerms([long, long.toUpperCase(), 'Inn', 'inn']);
    expect(terms).toContain('a'.repeat(maxWordLength));
    expect(terms).not.toContain('a'.repeat(maxWordLength + 1));
    expect(new Set(terms).size).toBe(terms.length);
  });
});

describe('queryTerms', () => {
  it('looks up each word once, as a prefix, normalized like the index', () => {
    expect(queryTerms('tong')).toEqual(['tong']);
    expect(queryTerms('Mao Dun')).toEqual(['mao', 'dun']);
    expect(queryTerms('Café')).toEqual(['cafe']);
    expect(queryTerms('cafe cafe CAFE')).toEqual(['cafe']);
    expect(queryTerms("Tong'an")).toEqual(['tongan']);
  });

  it('looks up a Chinese run of two or more characters by its pairs', () => {
    expect(queryTerms('乌镇')).toEqual(['乌镇']);
    expect(queryTerms('互联网医院')).toEqual(['互联', '联网', '网医', '医院']);
  });

  it('looks up a single Chinese character by itself', () => {
    expect(queryTerms('镇')).toEqual(['镇']);
  });

  it('handles a query mixing English and Chinese', () => {
    expect(queryTerms('Wuzhen 医院')).toEqual(['wuzhen', '医院']);
  });

  it('has no terms for an empty, blank or punctuation-only query, nor for single letters', () => {
    for (const query of ['', '   ', ',.!?-\'"', '，。！？、·', 'a', 'a 1 b'])
      expect(queryTerms(query)).toEqual([]);
  });

  it('cuts a word longer than the index keeps to what the index keeps', () => {
    const long = 'x'.repeat(maxWordLength + 5);
    expect(queryTerms(long)).toEqual(['x'.repeat(maxWordLength)]);
    expect(finds(long, [long])).toBe(true);
  });
});

describe('a venue is found', () => {
  it('by the start of a word as it is typed: "tong" finds Tong\'an Inn', () => {
    expect(finds('tong', tongan)).toBe(true);
    expect(finds("tong'an", tongan)).toBe(true);
    expect(finds('Tong’an inn', tongan)).toBe(true);
    expect(finds('ong', tongan)).toBe(false);
  });

  it('with or without accents: "Café" and "cafe"', () => {
    for (const query of ['Café', 'cafe', 'CAFÉ', 'wuzhen']) expect(finds(query, cafe)).toBe(true);
    expect(finds('café', ['Cafe Wuzhen'])).toBe(true);
  });

  it('only when it has every word: "Mao Dun"', () => {
    expect(finds('Mao Dun', maoDun)).toBe(true);
    expect(finds('mao', maoDun)).toBe(true);
    expect(finds('Mao Zedong', maoDun)).toBe(false);
  });

  it('by Chinese anywhere in a name: 乌镇, 互联网医院, a single character', () => {
    expect(finds('乌镇', hospital)).toBe(true);
    expect(finds('互联网医院', hospital)).toBe(true);
    expect(finds('医', hospital)).toBe(true);
    expect(finds('医生', hospital)).toBe(false);
    expect(finds('茅盾故居', ['茅盾 · 故居'])).toBe(true);
  });

  it('by English and Chinese together: "Wuzhen 医院"', () => {
    expect(finds('Wuzhen 医院', hospital)).toBe(true);
    expect(finds('Wuzhen 医院', tongan)).toBe(false);
  });

  it('by any query made of prefixes of its words and pieces of its Chinese', () => {
    const latinWord = fc.stringMatching(/^[a-z]{2,12}$/);
    const hanText = fc.array(fc.integer({ min: 0x4e00, max: 0x9fa5 }), { minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(
        fc.array(latinWord, { minLength: 1, maxLength: 4 }),
        hanText,
        fc.nat(),
        fc.nat(),
        (words, codes, pick, cut) => {
          const han = String.fromCodePoint(...codes);
          const venue = [words.join(' '), han];
          const word = words[pick % words.length] as string;
          const prefix = word.slice(0, 2 + (cut % (word.length - 1)));
          const start = pick % han.length;
          const piece = han.slice(start, start + 1 + (cut % (han.length - start)));
          expect(finds(`${prefix.toUpperCase()} ${piece}`, venue)).toBe(true);
        },
      ),
    );
  });
});

describe('rankMatch', () => {
  const score = (query: string, texts: readonly string[]) =>
    rankMatch(query, { names: texts.slice(0, 2), otherTexts: texts.slice(2) });

  it('puts a whole-name match before a name that starts with the query, before one that contains it', () => {
    const exact = score("tong'an inn", tongan);
    const start = score("tong'an", tongan);
    const within = score('inn', tongan);
    expect(exact).toBeGreaterThan(start);
    expect(start).toBeGreaterThan(within);
    expect(score('Tong An Inn', tongan)).toBe(exact);
    expect(score('同安客栈', tongan)).toBe(exact);
  });

  it('puts a name before a venue found only through its other texts', () => {
    const named = rankMatch('hospital', { names: ['Wuzhen Internet Hospital'], otherTexts: [] });
    const categorised = rankMatch('hospital', { names: ['Tongji Clinic'], otherTexts: ['hospital'] });
    expect(named).toBeGreaterThan(categorised);
    expect(categorised).toBeGreaterThan(0);
  });

  it('puts a name that holds all the words, in any order, after one that holds the query as typed', () => {
    const typed = rankMatch('residence mao', { names: ['Former Residence Mao Dun'], otherTexts: [] });
    const reordered = rankMatch('mao residence', { names: ['Former Residence Mao Dun'], otherTexts: [] });
    expect(typed).toBeGreaterThan(reordered);
    expect(reordered).toBeGreaterThan(
      rankMatch('mao residence', { names: ['Mao Inn'], otherTexts: ['residence'] }),
    );
  });

  it('puts the shorter of two names that both start with the query first', () => {
    const inn = rankMatch('tong', { names: ["Tong'an Inn"], otherTexts: [] });
    const annex = rankMatch('tong', { names: ["Tong'an Inn Riverside Annex"], otherTexts: [] });
    expect(inn).toBeGreaterThan(annex);
  });

  it('is 0 when the venue does not have every term, or the query has none', () => {
    expect(score('Mao Zedong', maoDun)).toBe(0);
    expect(score('  ', maoDun)).toBe(0);
  });
});
