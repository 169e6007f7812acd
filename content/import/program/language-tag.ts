/**
 * A session's language as a canonical BCP 47 tag ("pt_br" → "pt-BR", "EN" → "en"), or undefined
 * when the value is not one. Only a two- or three-letter language subtag (ISO 639) is taken: BCP
 * 47 would accept "english" as a language of its own, which no page could name.
 */
export function languageTag(value: string): string | undefined {
  try {
    const [tag] = Intl.getCanonicalLocales(value.trim().replaceAll('_', '-'));
    return tag && /^[a-z]{2,3}(?:-|$)/.test(tag) ? tag : undefined;
  } catch {
    return undefined;
  }
}
