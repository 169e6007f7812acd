import * as z from 'zod';
import { countryCodes } from './countries.ts';

const optionalText = (max: number) => z.string().trim().max(max).optional();

/** What an attendee may send. Unknown fields are refused, so nobody can set a status or check-in time. */
export const registrationInput = z.strictObject({
  category: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1, 'enter your name').max(200),
  email: z.string().trim().max(254).pipe(z.email('enter a valid e-mail address')),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => countryCodes.has(code), 'choose a country or region (ISO 3166-1 alpha-2 code)'),
  organization: optionalText(200),
  jobTitle: optionalText(200),
  language: z.enum(['en', 'zh']),
  dietary: optionalText(500),
  needsVisaLetter: z.boolean().default(false),
  consent: z.literal(true, 'consent to the processing of your data is required to register'),
});

export type RegistrationInput = z.infer<typeof registrationInput>;
