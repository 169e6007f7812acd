import { InvalidCursorError } from './store-errors.ts';

/**
 * Opaque page cursors, the same for every adapter and every search: a flat object of strings (the
 * last key read, or a search's offset), base64url-encoded JSON.
 */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Only a flat object of strings can be a key; anything else is a forged or damaged cursor. */
export function decodeCursor(cursor: string): Record<string, string> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const valid =
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key) &&
    Object.keys(key).length > 0 &&
    Object.keys(key).length <= 4 &&
    Object.values(key).every((value) => typeof value === 'string' && value.length <= 1024);
  if (!valid) throw new InvalidCursorError();
  return key as Record<string, string>;
}

/** A search cursor carries the offset of the next page; the result set itself is bounded by the query. */
export const encodeOffsetCursor = (offset: number) => encodeCursor({ offset: String(offset) });

/** The offset a search cursor carries, or undefined when it is not a search cursor this API gave out. */
export function offsetFromCursor(cursor: string): number | undefined {
  try {
    const value = Number(decodeCursor(cursor).offset);
    return Number.isInteger(value) && value >= 0 && value <= 100_000 ? value : undefined;
  } catch {
    return undefined;
  }
}
