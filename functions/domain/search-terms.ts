// Text search without a Scan: the venues table holds one item per (term, venue), a query looks up
// each of its terms and keeps the venues found under all of them. Pure: the store writes and reads.
//
// Latin-script words are indexed by their prefixes, so "tong" finds "Tong'an Inn" as it is typed.
// Chinese has no spaces between words, so Han text is indexed by overlapping character pairs: any
// run of two or more characters in a name is then found through its pairs, "互联网医院" within
// "乌镇互联网医院".

/** Prefixes stop here: longer words are rare, and a query past 20 letters still matches their first 20. */
export const maxWordLength = 20;

/** Shorter prefixes would match most of the guide and make one index partition per letter. */
const minPrefixLength = 2;

const hanRun = /\p{Script=Han}+/gu;

/**
 * Han characters with only spaces or punctuation between them: a name written "茅盾 · 故居" is also
 * indexed as "茅盾故居", so a query typed without the dot finds it.
 */
const spacedHanRun = /\p{Script=Han}(?:[^\p{L}\p{N}]*\p{Script=Han})*/gu;
const notHan = /\P{Script=Han}/gu;

/**
 * Words of letters and digits other than Han. An apostrophe or hyphen between two parts keeps them in
 * one token, which yields the parts and the whole: "Tong'an" is found as "tong", "an" and "tongan";
 * "Wi-Fi" as "wi", "fi" and "wifi".
 */
const wordRun = /[[\p{L}\p{N}]--\p{Script=Han}]+(?:['’ʼ\u2010\u2011\-][[\p{L}\p{N}]--\p{Script=Han}]+)*/gv;
const joiners = /['’ʼ\u2010\u2011-]/g;

/**
 * Lower case without accents: NFKD splits "é" into "e" and a combining accent, which goes, so "Café"
 * and "cafe" (and the pinyin "Wūzhèn" and "Wuzhen") are the same word. NFKD also turns full-width
 * letters and digits, as a Chinese input method types them, into ASCII.
 */
function normalize(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The parts of a word token and, when it has several, the parts joined, each at most `maxWordLength`. */
function wordsOf(token: string): string[] {
  const parts = token.split(joiners);
  const words = parts.length > 1 ? [...parts, parts.join('')] : parts;
  return words.map((word) => Array.from(word).slice(0, maxWordLength).join(''));
}

function prefixesOf(word: string): string[] {
  const letters = Array.from(word);
  const prefixes: string[] = [];
  for (let length = minPrefixLength; length <= letters.length; length++) {
    prefixes.push(letters.slice(0, length).join(''));
  }
  return prefixes;
}

function bigramsOf(run: string): string[] {
  const characters = Array.from(run);
  return characters.slice(1).map((character, index) => `${characters[index]}${character}`);
}

/**
 * The terms a venue is found by, from its names in both languages, subcategory, address and the like.
 * Han text gives its character pairs and also its single characters: a single character is often a
 * word of its own (茶 tea, 桥 bridge, 酒 wine), a query of one character has nothing else to look up,
 * and Han text in a venue is short, so the extra items cost little.
 */
export function indexTerms(texts: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    const normalized = normalize(text);
    for (const [token] of normalized.matchAll(wordRun)) {
      for (const word of wordsOf(token)) for (const prefix of prefixesOf(word)) terms.add(prefix);
    }
    for (const [spaced] of normalized.matchAll(spacedHanRun)) {
      const run = spaced.replace(notHan, '');
      for (const character of run) terms.add(character);
      for (const bigram of bigramsOf(run)) terms.add(bigram);
    }
  }
  return [...terms];
}

/**
 * The terms a query looks up; a venue matches when it has all of them. Each word is one prefix term
 * (a word joined by an apostrophe or hyphen, as typed, is one: "tong'an" looks up "tongan"); words of
 * one letter or digit are dropped, as nothing is indexed under them. A Han run looks up its character
 * pairs, or its character when it is one alone. No terms for an empty or punctuation-only query.
 */
export function queryTerms(query: string): string[] {
  const terms = new Set<string>();
  const normalized = normalize(query);
  for (const [token] of normalized.matchAll(wordRun)) {
    const word = Array.from(token.replace(joiners, '')).slice(0, maxWordLength).join('');
    if (Array.from(word).length >= minPrefixLength) terms.add(word);
  }
  for (const [run] of normalized.matchAll(hanRun)) {
    const pairs = bigramsOf(run);
    for (const term of pairs.length > 0 ? pairs : [run]) terms.add(term);
  }
  return [...terms];
}

/** Letters, digits and Han characters only, normalized: "Tong'an Inn" and "tong an inn" read the same. */
function compact(text: string): string {
  return normalize(text).replace(/[^\p{L}\p{N}]/gu, '');
}

export interface RankedTexts {
  /** The venue's names, in every language. */
  names: readonly string[];
  /** Everything else it is found by: subcategory, address and the like. */
  otherTexts: readonly string[];
}

function hasAll(found: readonly string[], terms: readonly string[]): boolean {
  const set = new Set(found);
  return terms.every((term) => set.has(term));
}

/** Where the query was found, best first; the tiers are a whole number apart, see rankMatch. */
const wholeName = 5;
const nameStart = 4;
const withinName = 3;
const wordsOfOneName = 2;
const otherTextsOnly = 0.5;

/**
 * How well a venue the index found matches the query, higher first; 0 when its texts do not hold
 * every query term. Takes the query as typed, since a whole-name match is judged on all of it. A name
 * that is the query (ignoring case, accents, spaces and punctuation) ranks first, then one that starts
 * with it, one that contains it (Chinese names have no word breaks), one that holds every query term,
 * and last a venue found through its other texts. Within a tier a name the query covers more of ranks
 * first: it adds up to 1, the query's share of the name.
 */
export function rankMatch(query: string, venue: RankedTexts): number {
  const terms = queryTerms(query);
  if (terms.length === 0) return 0;
  if (!hasAll(indexTerms([...venue.names, ...venue.otherTexts]), terms)) return 0;

  const wanted = compact(query);
  let best = otherTextsOnly;
  for (const name of venue.names) {
    const whole = compact(name);
    if (whole.length === 0) continue;
    const tier =
      whole === wanted
        ? wholeName
        : whole.startsWith(wanted)
          ? nameStart
          : whole.includes(wanted)
            ? withinName
            : hasAll(indexTerms([name]), terms)
              ? wordsOfOneName
              : undefined;
    if (tier !== undefined) best = Math.max(best, tier + Math.min(1, wanted.length / whole.length));
  }
  return best;
}
