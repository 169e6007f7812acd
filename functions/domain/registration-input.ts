import * as z from 'zod/mini';
import { categoryId } from '../../content/schemas/edition.ts';
import { registrationLimits } from '../contract/limits.ts';
import { withMeta } from '../contract/meta.ts';
import { freeText, optionalFreeText } from '../contract/text.ts';
import { countryCodes } from './countries.ts';
import { languages } from './registration-model.ts';

const trimmed = (text: string) => text.trim();

/**
 * A value made canonical before its rule applies. Written as zod's preprocess, the document shows
 * the rule itself (the pattern, the list of codes) rather than only "a string", as a pipe after
 * `.trim()` would; it describes the canonical form, which is what clients should send.
 */
const normalized = <T extends z.ZodMiniType<unknown, string>>(canonical: (text: string) => string, rule: T) =>
  // Typed as taking a string, so clients' request types say so; at run time anything may arrive.
  z.pipe(
    z.transform((value: string) => (typeof value === 'string' ? canonical(value) : value)),
    rule,
  );

/** What an attendee may send. Unknown fields are refused, so nobody can set a status or check-in time. */
export const registrationInput = z.strictObject({
  category: withMeta(normalized(trimmed, categoryId), {
    description: 'The id of a category GET /api/categories lists.',
    'x-values-from': { operationId: 'getCategories', items: '/items', field: 'id' },
  }),
  name: freeText({ max: registrationLimits.name }, 'enter your name'),
  // A check, not a pipe: the document then says the field is an e-mail address (a pipe shows only its input).
  email: z
    .string()
    .check(z.trim(), z.maxLength(registrationLimits.email))
    .check(z.email('enter a valid e-mail address')),
  country: normalized(
    (text) => trimmed(text).toUpperCase(),
    z.enum([...countryCodes], 'choose a country or region (ISO 3166-1 alpha-2 code)'),
  ),
  organization: optionalFreeText({ max: registrationLimits.organization }),
  jobTitle: optionalFreeText({ max: registrationLimits.jobTitle }),
  language: z.enum(languages),
  dietary: optionalFreeText({ max: registrationLimits.dietary, multiline: true }),
  needsVisaLetter: z._default(z.boolean(), false),
  consent: z.literal(true, 'consent to the processing of your data is required to register'),
  // PIPL wants the transfer abroad consented to apart from the rest. The portal deploys only outside
  // mainland China (the privacy notice's storage.inMainlandChina is false), so it is always required.
  crossBorderConsent: withMeta(
    z.literal(true, 'your separate consent to the transfer out of mainland China is required to register'),
    {
      description: 'Separate consent to the transfer of the data out of mainland China, where it is held.',
    },
  ),
  partnerSharingConsent: withMeta(z._default(z.boolean(), false), {
    description: 'Optional consent to share name, organization and job title with partners.',
  }),
  noticeVersion: withMeta(z.string().check(z.maxLength(32)), {
    description: 'The version of the privacy notice the person was shown; it must be the one in force.',
    'x-values-from': { operationId: 'getCategories', items: '/edition', field: 'noticeVersion' },
  }),
  noticeLanguage: withMeta(z.optional(z.enum(languages)), {
    description: 'The language the privacy notice was shown in; `language` when absent.',
  }),
});

export type RegistrationInput = z.infer<typeof registrationInput>;
