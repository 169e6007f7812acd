import { describe, expect, it } from 'vitest';
import { fitText, type TextBox, wrapText } from '../../functions/badges/fit-text.ts';

// Every character half as wide as the size, a Han character as wide as it: enough to reason about.
const measure = (text: string, size: number) =>
  [...text].reduce((width, character) => width + (/\p{Script=Han}/u.test(character) ? size : size / 2), 0);
const box: TextBox = { width: 100, height: 40, maxSize: 20, minSize: 8, leading: 1.25 };

describe('fitText', () => {
  it('keeps a short text at its largest size on one line', () => {
    expect(fitText('Ana', box, measure)).toEqual({ size: 20, lines: ['Ana'] });
  });

  it('shrinks a text down to the minimum size before it wraps', () => {
    // 20 characters: 100 points wide at size 10.
    expect(fitText('Abcdefghij Klmnopqrs', box, measure)).toEqual({
      size: 10,
      lines: ['Abcdefghij Klmnopqrs'],
    });
  });

  it('wraps past the minimum size, at the largest size whose lines fit the box', () => {
    const fitted = fitText('Maximiliane Alexandra von Hohenzollern-Sigmaringen', box, measure);
    expect(fitted.size).toBeGreaterThanOrEqual(box.minSize);
    expect(fitted.lines.length).toBeGreaterThan(1);
    expect(fitted.lines.join(' ').replace('- ', '-')).toBe(
      'Maximiliane Alexandra von Hohenzollern-Sigmaringen',
    );
    for (const line of fitted.lines) expect(measure(line, fitted.size)).toBeLessThanOrEqual(box.width);
    expect(fitted.lines.length * fitted.size * box.leading).toBeLessThanOrEqual(box.height);
  });

  it('goes below the minimum only when the wrapped text cannot fit otherwise, and never cuts a character', () => {
    const text = 'W'.repeat(200);
    const fitted = fitText(text, box, measure);
    expect(fitted.size).toBeLessThan(box.minSize);
    expect(fitted.lines.join('')).toBe(text);
    expect(fitted.lines.length * fitted.size * box.leading).toBeLessThanOrEqual(box.height);
  });
});

describe('wrapText', () => {
  it('breaks at spaces and after hyphens, and between Chinese characters without a space', () => {
    expect(wrapText('Jean-Baptiste Dubois', 60, 10, measure)).toEqual(['Jean-', 'Baptiste', 'Dubois']);
    expect(wrapText('浙江大学计算机学院', 40, 10, measure)).toEqual(['浙江大学', '计算机学', '院']);
  });

  it('breaks a word longer than the line between its characters', () => {
    expect(wrapText('Abcdefghijkl', 30, 10, measure)).toEqual(['Abcdef', 'ghijkl']);
  });
});
