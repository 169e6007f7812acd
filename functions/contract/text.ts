import * as z from 'zod/mini';
import { withMeta } from './meta.ts';

/**
 * The one text policy for every free-text field a client sends. What is refused would otherwise be
 * stored and shown to others: control characters (a line break in a name stands in the greeting of
 * an e-mail), bidirectional overrides and isolates (they reorder what an organizer reads), lone
 * surrogates (DynamoDB stores them as U+FFFD, so the text would change silently) and text that is
 * all invisible (a name made of U+200B or U+3164 looks like no name at all).
 */
export interface TextPolicy {
  max: number;
  /** Line breaks are allowed only in text meant to span lines: a review comment, dietary needs. */
  multiline?: boolean;
}

/** C0, DEL and C1: the Unicode general category Cc. */
const controlCharacter = /\p{Cc}/u;
const lineBreaks = /\r\n?|\n/g;
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/u;
/** In a `u` regular expression a surrogate code unit matches only when it is not part of a pair. */
const loneSurrogate = /[\uD800-\uDFFF]/u;
/** A character that draws something: not space, not a format or default-ignorable character, not a mark alone. */
const visibleCharacter = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{C}\p{M}\u2800]/u;

/** The reason a text breaks the policy, or undefined when it keeps it. Exported for the unit tests. */
export function textPolicyProblem(text: string, { multiline = false }: Pick<TextPolicy, 'multiline'> = {}) {
  if (loneSurrogate.test(text)) return 'contains a broken character (a lone UTF-16 surrogate)';
  if (controlCharacter.test(multiline ? text.replace(lineBreaks, '') : text)) {
    return multiline ? 'contains a control character' : 'contains a line break or control character';
  }
  if (bidiControls.test(text)) return 'contains a bidirectional override or isolate character';
  if (!visibleCharacter.test(text)) return 'has no visible character';
  return undefined;
}

/** The policy as a check; an empty text is left to the field's own rule (required, or blank allowed). */
const keepsPolicy = (schema: z.ZodMiniString, multiline: boolean) =>
  withMeta(
    schema.check(
      z.superRefine((text, context) => {
        const problem = text === '' ? undefined : textPolicyProblem(text, { multiline });
        if (problem) context.addIssue({ code: 'custom', message: problem });
      }),
    ),
    {
      description: `Plain text${multiline ? ', line breaks allowed' : ' on one line'}: no control characters, no bidirectional overrides or isolates (U+202A–U+202E, U+2066–U+2069), no lone surrogates, at least one visible character.`,
    },
  );

/** A required free-text field: trimmed, at most `max` characters, keeping the text policy. */
export function freeText({ max, multiline = false }: TextPolicy, required = 'is required') {
  return keepsPolicy(z.string().check(z.trim(), z.minLength(1, required), z.maxLength(max)), multiline);
}

/**
 * An optional free-text field. Forms send an empty string for a field left blank, which stays
 * allowed; anything else keeps the policy.
 */
export function optionalFreeText({ max, multiline = false }: TextPolicy) {
  return z.optional(keepsPolicy(z.string().check(z.trim(), z.maxLength(max)), multiline));
}
