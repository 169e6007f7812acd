/**
 * A Chinese page shows no English sentence, whether it came from content (a venue's source line)
 * or from code (a string never translated). Every built `/zh/` page's visible text, and the text
 * read out for it (alt, aria-label, placeholder, title), is searched for runs of Latin-script words;
 * a run of four words or more is a sentence unless the allow-list below names it (proper nouns,
 * codes, formats). Short runs (a name, "Wi-Fi", "OpenStreetMap", "JSON") are not sentences.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { type HTMLElement, NodeType, parse } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const projectRoot = join(import.meta.dirname, '../..');
/** The site as the e2e set-up built it (test/support/site-build-global-setup.ts). */
const client = join(projectRoot, 'site/dist/client');

/**
 * A Latin word as prose writes it: letters, apostrophes and hyphens, with an opening bracket or
 * quote before and punctuation after. Paths (/api/x), codes with digits and Chinese text are not.
 */
const latinWord = /^[(“"‘']?[A-Za-z][A-Za-z'’-]*[.,:;!?)”"’']*$/;
/** Words in a row that make a sentence rather than a name. */
const sentenceWords = 4;

/**
 * Latin text a Chinese page rightly shows, each a whole run as found: names, never sentences a
 * reader should have in Chinese. A venue's English name is shown beside its Chinese one (the
 * printed QR sheet, the venue page) for guests who ask the way in English.
 */
async function allowedNames(): Promise<Set<string>> {
  const venues = join(projectRoot, 'content/venues');
  const names = await Promise.all(
    (await readdir(venues))
      .filter((file) => file.endsWith('.yaml'))
      .map(
        async (file) =>
          (parseYaml(await readFile(join(venues, file), 'utf8')) as { name: { en: string } }).name.en,
      ),
  );
  return new Set(names);
}

/**
 * Pages that quote an English document on purpose, marking each quote `lang="en"` and saying so in
 * Chinese: the developers page takes the routes' descriptions from the OpenAPI document as written
 * (developers.sourceLanguage). Only the marked quotes are passed over, and only on these pages.
 */
const quotingPages = new Set(['zh/developers/index.html']);

/** Elements whose text no reader sees, and code (opening hours as mapped, the API's types and examples), which is no prose. */
const unseen = new Set(['script', 'style', 'template', 'head', 'code', 'pre']);
/** Attributes whose text is read out or shown in place of the element. */
const spokenAttributes = ['alt', 'aria-label', 'placeholder', 'title'];

function visibleTexts(element: HTMLElement, into: string[], skipEnglishQuotes: boolean): string[] {
  if (unseen.has(element.rawTagName?.toLowerCase() ?? '') || element.hasAttribute('hidden')) return into;
  if (skipEnglishQuotes && element.getAttribute('lang') === 'en') return into;
  for (const name of spokenAttributes) {
    const value = element.getAttribute(name);
    if (value) into.push(value);
  }
  for (const child of element.childNodes) {
    if (child.nodeType === NodeType.TEXT_NODE) into.push(child.text);
    else if (child.nodeType === NodeType.ELEMENT_NODE)
      visibleTexts(child as HTMLElement, into, skipEnglishQuotes);
  }
  return into;
}

/** The runs of Latin words, each as long as it goes, in one piece of text. */
function latinRuns(text: string): string[] {
  const runs: string[] = [];
  let run: string[] = [];
  for (const word of [...text.split(/\s+/), '']) {
    if (latinWord.test(word)) {
      run.push(word);
    } else {
      // A list of values ("ok, unavailable", country codes) is codes, not a sentence.
      const list = run.slice(0, -1).every((listed) => listed.endsWith(','));
      if (run.length >= sentenceWords && !list) runs.push(run.join(' '));
      run = [];
    }
  }
  return runs;
}

/** The English sentences of one page's text, less the allowed names. */
function englishSentences(html: string, allowed = new Set<string>(), skipEnglishQuotes = false): string[] {
  const root = parse(html);
  const title = root.querySelector('title')?.text ?? '';
  return [title, ...visibleTexts(root.querySelector('body') ?? root, [], skipEnglishQuotes)]
    .flatMap(latinRuns)
    .filter((run) => ![...allowed].some((name) => name.includes(run)));
}

let pages: string[] = [];
let allowed = new Set<string>();

beforeAll(async () => {
  const found = await readdir(join(client, 'zh'), { recursive: true });
  pages = found
    .filter((file) => file.endsWith('.html'))
    .map((file) => `zh/${file.split(sep).join('/')}`)
    .sort();
  allowed = await allowedNames();
});

describe('the Chinese pages', () => {
  it('are many (the scan reads the built site)', () => {
    expect(pages.length).toBeGreaterThan(50);
  });

  it('show no English sentence', async () => {
    const found: string[] = [];
    for (const page of pages) {
      const html = await readFile(join(client, page), 'utf8');
      for (const sentence of englishSentences(html, allowed, quotingPages.has(page))) {
        found.push(`${page}: ${sentence}`);
      }
    }
    expect([...new Set(found)]).toEqual([]);
  });

  it('are scanned so that an English sentence would be found', () => {
    expect(
      englishSentences(
        '<html lang="zh-Hans"><body><p>来源：<span lang="en">Portal fact sheet (press reporting on Wuzhen)</span></p></body></html>',
      ),
    ).toEqual(['Portal fact sheet (press reporting on Wuzhen)']);
    expect(
      englishSentences('<html><body><img alt="A map of the town centre" src="x.png"></body></html>'),
    ).toEqual(['A map of the town centre']);
    expect(englishSentences('<html><body><p>乌镇 Wi-Fi · OpenStreetMap · Mao Dun</p></body></html>')).toEqual(
      [],
    );
    expect(englishSentences('<html><body><p>GET /api/open311/v2/requests.json</p></body></html>')).toEqual(
      [],
    );
  });

  it('pass over only the names and quotes they are allowed', () => {
    const page =
      '<html><body><p lang="en">Canal Mist Hotel (sample)</p><p lang="en">Returns the list of venues.</p></body></html>';
    expect(englishSentences(page, allowed)).toEqual(['Returns the list of venues.']);
    expect(englishSentences(page, allowed, true)).toEqual([]);
  });
});
