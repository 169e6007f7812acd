/** An opaque page cursor: the last key read, base64url-encoded. */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

/** Only a flat object of strings can be a key; anything else is a forged or damaged cursor. */
export function decodeCursor(cursor: string): Record<string, string> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('the cursor is not one this API gave out');
  }
  const valid =
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key) &&
    Object.keys(key).length > 0 &&
    Object.keys(key).length <= 4 &&
    Object.values(key).every((value) => typeof value === 'string' && value.length <= 1024);
  if (!valid) throw new InvalidCursorError('the cursor is not one this API gave out');
  return key as Record<string, string>;
}
