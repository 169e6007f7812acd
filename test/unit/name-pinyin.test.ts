import { describe, expect, it } from 'vitest';
import { namePinyin } from '../../functions/badges/name-pinyin.ts';

describe('namePinyin', () => {
  it('writes a Chinese name as surname and given name, capitalised, with tone marks', () => {
    expect(namePinyin('王建国')).toBe('Wáng Jiànguó');
    expect(namePinyin('张三')).toBe('Zhāng Sān');
  });

  it('reads surnames as surnames (单 shàn, 曾 zēng) and keeps two-character surnames whole', () => {
    expect(namePinyin('单田芳')).toBe('Shàn Tiánfāng');
    expect(namePinyin('曾小贤')).toBe('Zēng Xiǎoxián');
    expect(namePinyin('欧阳娜娜')).toBe('Ōuyáng Nànà');
  });

  it("marks a syllable starting with a vowel inside a word with an apostrophe (Xī'ān)", () => {
    expect(namePinyin('李西安')).toBe("Lǐ Xī'ān");
  });

  it('treats parts separated by a middle dot or a space as words, and keeps other scripts as written', () => {
    expect(namePinyin('阿沛·阿旺晋美')).toBe('Āpèi Āwàngjìnměi');
    expect(namePinyin('David 王')).toBe('David Wáng');
  });

  it('gives none for a name without Chinese characters', () => {
    expect(namePinyin('Li Wei')).toBeUndefined();
  });
});
