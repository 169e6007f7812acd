/** A text's box on a badge and the sizes it may be set in, in points. */
export interface TextBox {
  width: number;
  height: number;
  /** The size a short text gets. */
  maxSize: number;
  /** The smallest size on one line; past it the text wraps (see fitText). */
  minSize: number;
  /** Line height as a multiple of the size. */
  leading: number;
}

export interface FittedText {
  size: number;
  lines: string[];
}

/** The width of a text set at a size, in points (the font's advance widths). */
export type MeasureText = (text: string, size: number) => number;

/** Sizes are tried in steps of this many points. */
const step = 0.5;

/** Han ideographs and CJK punctuation: a line may break before or after any of them, without a space. */
const cjkSymbol = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
const pieceRun = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]|[^\p{Script=Han}\u3000-\u303f\uff00-\uffef]+/gu;

interface Piece {
  text: string;
  /** A space stands between it and the piece before (when both are on one line). */
  spaced: boolean;
}

/** Where a line may break: at spaces, after hyphens, and around each CJK symbol. */
function piecesOf(text: string): Piece[] {
  const pieces: Piece[] = [];
  for (const [wordIndex, word] of text.trim().split(/\s+/).entries()) {
    for (const [runIndex, run] of (word.match(pieceRun) ?? []).entries()) {
      const parts = cjkSymbol.test(run) ? [run] : run.split(/(?<=-)/);
      for (const [partIndex, part] of parts.entries()) {
        pieces.push({ text: part, spaced: wordIndex > 0 && runIndex === 0 && partIndex === 0 });
      }
    }
  }
  return pieces;
}

/**
 * The text's lines at one size, filled greedily; a piece wider than the box on its own (a very long
 * word) is broken between characters rather than left to overflow.
 */
export function wrapText(text: string, width: number, size: number, measure: MeasureText): string[] {
  const lines: string[] = [];
  let line = '';
  for (const { text: piece, spaced } of piecesOf(text)) {
    const joined = line && spaced ? `${line} ${piece}` : line + piece;
    if (measure(joined, size) <= width) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    for (const character of piece) {
      if (line && measure(line + character, size) > width) {
        lines.push(line);
        line = '';
      }
      line += character;
    }
  }
  if (line) lines.push(line);
  return lines;
}

const fits = (lines: string[], box: TextBox, size: number, measure: MeasureText) =>
  lines.length * size * box.leading <= box.height && lines.every((line) => measure(line, size) <= box.width);

/**
 * The size and lines a text is set in, so that it never runs out of its box and nothing is cut:
 * on one line, shrunk from maxSize down to minSize; then wrapped, at the largest size from maxSize
 * down to minSize at which the wrapped lines fit the box's height. Only a text that does not fit
 * wrapped at minSize (far longer than a name on the smallest badge) goes below it, still wrapped.
 */
export function fitText(text: string, box: TextBox, measure: MeasureText): FittedText {
  const oneLine = text.trim().replace(/\s+/g, ' ');
  const sizes: number[] = [];
  for (let size = Math.floor(box.maxSize / step) * step; size > box.minSize; size -= step) sizes.push(size);
  sizes.push(box.minSize);
  for (const size of sizes) {
    if (fits([oneLine], box, size, measure)) return { size, lines: [oneLine] };
  }
  for (let size = box.minSize - step; size >= step; size -= step) sizes.push(size);
  for (const size of sizes) {
    const lines = wrapText(oneLine, box.width, size, measure);
    if (fits(lines, box, size, measure)) return { size, lines };
  }
  return { size: step, lines: wrapText(oneLine, box.width, step, measure) };
}
