import { pinyin } from 'pinyin-pro';

const han = /\p{Script=Han}/u;
const hanOnly = /^\p{Script=Han}+$/u;

/** Two-character surnames, so that the given name starts after them (欧阳娜娜 → Ōuyáng Nànà). */
const compoundSurnames = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '百里',
  '呼延',
  '钟离',
  '赫连',
  '申屠',
]);

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** Syllables as one word, with the apostrophe before a syllable that starts with a, o or e (Xī'ān). */
function joinSyllables(syllables: readonly string[]): string {
  return syllables
    .map((syllable, index) => (index > 0 && /^[aoeāáǎàōóǒòēéěè]/.test(syllable) ? `'${syllable}` : syllable))
    .join('');
}

/** One word of Han characters in pinyin; the first word of a name splits into surname and given name. */
function wordPinyin(word: string, isWholeName: boolean): string {
  // Surname readings for the first character(s): 单 reads shàn, 曾 zēng, 乐 yuè as surnames.
  const syllables = pinyin(word, { type: 'array', surname: 'head', toneType: 'symbol' });
  if (!isWholeName || syllables.length < 2) return capitalized(joinSyllables(syllables));
  const surnameLength = compoundSurnames.has(word.slice(0, 2)) && syllables.length > 2 ? 2 : 1;
  return [syllables.slice(0, surnameLength), syllables.slice(surnameLength)]
    .map((part) => capitalized(joinSyllables(part)))
    .join(' ');
}

/**
 * The Hanyu Pinyin of a name with Chinese characters, written as GB/T 28039-2011 writes Chinese
 * personal names (surname, then the given name as one word, each capitalised, tone marks kept, so
 * that a reader who knows no Chinese says it right): 王建国 → Wáng Jiànguó. Parts separated by
 * spaces or a middle dot (阿沛·阿旺晋美) are words of their own; parts in other scripts stay as
 * written. A name without Chinese characters has none.
 */
export function namePinyin(name: string): string | undefined {
  if (!han.test(name)) return undefined;
  const words = name.trim().split(/[\s·・•‧]+/u);
  return words.map((word) => (hanOnly.test(word) ? wordPinyin(word, words.length === 1) : word)).join(' ');
}
