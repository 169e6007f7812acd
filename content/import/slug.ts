import { createHash } from 'node:crypto';

/** Letters NFKD does not take apart into an ASCII letter and a mark. */
const spelledOut: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};

/**
 * Program ids are at most 60 characters (`programId`): a slug keeps four for a "-2" that makes it
 * unique, and a cut falls between words. Venue ids pass their own length.
 */
const longest = 56;

/**
 * The ASCII slug of a title or name ("Café Ökonomie" → "cafe-okonomie"): accents dropped, other
 * characters turned into single hyphens. A text without Latin letters (a Chinese title) has no
 * readable slug and gives "".
 */
export function slugOf(text: string, maxLength = longest): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, (letter) => spelledOut[letter] ?? '-');
  const slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (!/[a-z]/.test(slug)) return '';
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, maxLength)).replace(/-+$/, '');
}

/** Eight hex digits that stand for a longer key (a guid) where a slug needs something readable. */
export function shortHash(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * A new id from a slug: `fallback` when the slug is empty, the fallback appended when the slug is
 * shorter than `minLength`, then "-2", "-3", ... until `isFree` accepts it.
 */
export function newId(
  slug: string,
  fallback: string,
  isFree: (id: string) => boolean,
  minLength = 2,
): string {
  let base = slug || fallback;
  if (base.length < minLength) base = `${base}-${fallback}`;
  if (isFree(base)) return base;
  for (let counter = 2; ; counter += 1) {
    const candidate = `${base}-${counter}`;
    if (isFree(candidate)) return candidate;
  }
}
