import * as z from 'zod/mini';
import { venueId } from '../../../content/schemas/venue.ts';
import { residentRequestLimits } from '../../contract/limits.ts';
import { withMeta } from '../../contract/meta.ts';
import { freeText, optionalFreeText, textPolicyProblem } from '../../contract/text.ts';
import type { RequestContact, RequestLocale, RequestLocation } from './model.ts';
import { requestLocales } from './model.ts';
import { type Service, type ServiceAttribute, serviceByCode } from './services.ts';

/** The one jurisdiction this GeoReport endpoint serves; any other is "not found". */
export const jurisdictionId = 'wuzhen';

/** GeoReport v2 lets a one-jurisdiction endpoint take requests without jurisdiction_id. */
export const servesJurisdiction = (id: string | undefined) => id === undefined || id === jurisdictionId;

/**
 * Where a reported point may be: Wuzhen town and its villages, with a margin. A point elsewhere is
 * a mistake (a phone's stale fix, a pin dropped on the wrong map) the office could not act on.
 */
export const serviceArea = { south: 30.6, west: 120.35, north: 30.85, east: 120.6 } as const;

/**
 * GeoReport v2 says an empty or null argument counts as one not sent (forms send every field, blank
 * ones empty); the rule then applies to what is left.
 */
const blankAsAbsent = <T extends z.ZodMiniType>(rule: T) =>
  // Typed as the rule's own optional field, so clients' request types say what to send; at run time
  // a blank or null arrives too, and is dropped before the rule.
  z.optional(
    z.pipe(
      z.transform((value: unknown): unknown => (value === '' || value === null ? undefined : value)),
      z.optional(rule) as z.ZodMiniType,
    ),
  ) as unknown as z.ZodMiniOptional<T>;

/** A form sends text; JSON may send the number itself. */
const coordinate = (min: number, max: number) => z.coerce.number().check(z.gte(min), z.lte(max));

const attributeValue = z.union([
  z.string().check(z.maxLength(residentRequestLimits.attribute)),
  z.array(z.string().check(z.maxLength(residentRequestLimits.attribute))).check(z.maxLength(20)),
]);

/**
 * A new request as GeoReport v2's POST requests.json names its fields, form-encoded or JSON
 * (`formFields` turns a form into this shape). Unknown fields are refused; `media_url` is refused
 * by name, because photos are uploaded with the request, never fetched from a link.
 */
/**
 * 5 to 20 digits, spaces, ( ) and -, after an optional +, neither starting nor ending with a space.
 * The value is trimmed before the check and the OpenAPI document publishes the pattern: one that
 * allowed an end space published "+0) 7 " as valid, which, trimmed to four symbols, was refused.
 */
export const phonePattern = /^\+?[0-9()-][0-9 ()-]{3,18}[0-9()-]$/;

export const newRequestInput = z.strictObject({
  jurisdiction_id: withMeta(blankAsAbsent(z.string().check(z.maxLength(64))), {
    description: `Optional: this endpoint serves one jurisdiction, "${jurisdictionId}"; any other is not found (404).`,
  }),
  api_key: withMeta(blankAsAbsent(z.string().check(z.maxLength(256))), {
    description:
      'Accepted and ignored: Open311 clients send one, the portal needs none (proof of work guards it).',
  }),
  service_code: withMeta(z.string().check(z.trim(), z.minLength(1), z.maxLength(64)), {
    description: 'A service_code from services.json; one it does not list is not found (404).',
  }),
  lat: withMeta(blankAsAbsent(coordinate(-90, 90)), {
    description: 'WGS-84 latitude of the problem, with long: from the phone’s location or a pin on the map.',
  }),
  long: withMeta(blankAsAbsent(coordinate(-180, 180)), { description: 'WGS-84 longitude, with lat.' }),
  address_id: withMeta(blankAsAbsent(venueId), {
    description: 'Instead of lat/long: the id of a town guide venue the problem is at or next to.',
  }),
  address_string: withMeta(blankAsAbsent(optionalFreeText({ max: residentRequestLimits.addressString })), {
    description:
      'The place in the requester’s words (“behind the east gate”), with lat/long or address_id: never shown publicly.',
  }),
  description: freeText({ max: residentRequestLimits.description, multiline: true }, 'describe the problem'),
  email: blankAsAbsent(
    z
      .string()
      .check(z.trim(), z.maxLength(residentRequestLimits.email))
      .check(z.email('enter a valid e-mail address, or leave it out')),
  ),
  phone: blankAsAbsent(
    z
      .string()
      .check(
        z.trim(),
        z.regex(phonePattern, 'digits, spaces, ( ) - and an optional leading +, or leave it out'),
      ),
  ),
  first_name: blankAsAbsent(optionalFreeText({ max: residentRequestLimits.name })),
  last_name: blankAsAbsent(optionalFreeText({ max: residentRequestLimits.name })),
  media_url: withMeta(
    z.optional(
      z
        .string()
        .check(z.maxLength(0, 'photos are uploaded with the request, not linked: leave media_url out')),
    ),
    { description: 'Not accepted: photos are uploaded with the request.' },
  ),
  attribute: withMeta(z.optional(z.record(z.string().check(z.maxLength(64)), attributeValue)), {
    description:
      'Answers to the service’s attributes (services/{service_code}.json) by code: attribute[code]=value, attribute[code][]=value for a multi-value list.',
  }),
  locale: withMeta(blankAsAbsent(z.enum(requestLocales)), {
    description: 'Extension: the language to answer the requester in (en by default).',
  }),
});

export type NewRequestInput = z.output<typeof newRequestInput>;

/**
 * A form body (application/x-www-form-urlencoded) in the shape of the JSON one: `attribute[code]=v`
 * becomes `attribute: { code: 'v' }`, `attribute[code][]=v` a list. A field sent twice becomes a
 * list, which the schema then refuses naming it.
 */
export function formFields(body: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const attribute: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const match = /^attribute\[([^\]]*)\](\[\])?$/.exec(name);
    if (match) {
      const code = match[1] as string;
      const earlier = attribute[code];
      if (match[2]) attribute[code] = [...(Array.isArray(earlier) ? earlier : []), value];
      else attribute[code] = earlier === undefined ? value : [earlier, value].flat();
      fields.attribute = attribute;
      continue;
    }
    const earlier = fields[name];
    fields[name] = earlier === undefined ? value : [earlier, value].flat();
  }
  return fields;
}

/** A request ready to be stored, once the route has added its id, photos, token and time. */
export interface NewRequestDraft {
  serviceCode: string;
  description: string;
  location: RequestLocation;
  addressString?: string;
  contact?: RequestContact;
  attributes: Record<string, string | string[]>;
  locale: RequestLocale;
}

export interface FieldProblem {
  path: string;
  message: string;
}

export type NewRequestOutcome =
  | { kind: 'valid'; draft: NewRequestDraft }
  | { kind: 'unknown-jurisdiction' }
  | { kind: 'unknown-service' }
  | { kind: 'invalid'; errors: FieldProblem[] };

const inServiceArea = (lat: number, lon: number) =>
  lat >= serviceArea.south && lat <= serviceArea.north && lon >= serviceArea.west && lon <= serviceArea.east;

function placeOf(input: NewRequestInput, landmarkExists: (id: string) => boolean) {
  const point = input.lat !== undefined || input.long !== undefined;
  if (point && input.address_id !== undefined) {
    return {
      errors: [{ path: 'address_id', message: 'send lat/long or a landmark (address_id), not both' }],
    };
  }
  if (input.address_id !== undefined) {
    return landmarkExists(input.address_id)
      ? { location: { landmarkVenueId: input.address_id } }
      : { errors: [{ path: 'address_id', message: 'no venue of the town guide has this id' }] };
  }
  if (input.lat === undefined || input.long === undefined) {
    const missing = input.lat === undefined ? 'lat' : 'long';
    return {
      errors: [
        {
          path: point ? missing : 'lat',
          message: point
            ? 'send lat and long together'
            : 'give the place: lat and long (your location or a pin), or a landmark (address_id)',
        },
      ],
    };
  }
  if (!inServiceArea(input.lat, input.long)) {
    return {
      errors: [{ path: 'lat', message: 'this point is outside Wuzhen; put the pin where the problem is' }],
    };
  }
  return { location: { lat: input.lat, lon: input.long, precision: 'exact' as const } };
}

const isList = (attribute: ServiceAttribute) =>
  attribute.datatype === 'singlevaluelist' || attribute.datatype === 'multivaluelist';

/** Problems with the answers to a service's attributes, each named `attribute[code]`. */
export function attributeProblems(
  service: Service,
  answers: Record<string, string | string[]>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const byCode = new Map(service.attributes.map((attribute) => [attribute.code, attribute]));
  for (const code of Object.keys(answers)) {
    if (!byCode.has(code))
      problems.push({ path: `attribute[${code}]`, message: `${service.code} asks no such question` });
  }
  for (const attribute of service.attributes) {
    const path = `attribute[${attribute.code}]`;
    const answer = answers[attribute.code];
    const values = (answer === undefined ? [] : [answer].flat()).map((value) => value.trim()).filter(Boolean);
    if (values.length === 0) {
      if (attribute.required) problems.push({ path, message: 'is required for this service' });
      continue;
    }
    if (attribute.datatype !== 'multivaluelist' && values.length > 1) {
      problems.push({ path, message: 'takes one value' });
    } else if (isList(attribute)) {
      const keys = new Set(attribute.values?.map((value) => value.key));
      const unknown = values.filter((value) => !keys.has(value));
      if (unknown.length) problems.push({ path, message: `not one of: ${[...keys].join(', ')}` });
    } else if (attribute.datatype === 'number' && !Number.isFinite(Number(values[0]))) {
      problems.push({ path, message: 'must be a number' });
    } else if (attribute.datatype === 'datetime' && Number.isNaN(Date.parse(values[0] as string))) {
      problems.push({ path, message: 'must be an ISO 8601 date and time' });
    } else if (attribute.datatype === 'string' || attribute.datatype === 'text') {
      const problem = textPolicyProblem(values[0] as string, { multiline: attribute.datatype === 'text' });
      if (problem) problems.push({ path, message: problem });
    }
  }
  return problems;
}

function contactOf(input: NewRequestInput, locale: RequestLocale): RequestContact | undefined {
  const names = locale === 'zh' ? [input.last_name, input.first_name] : [input.first_name, input.last_name];
  const name = names.filter(Boolean).join(locale === 'zh' ? '' : ' ');
  const contact = {
    ...(input.email ? { email: input.email } : {}),
    ...(input.phone ? { phone: input.phone } : {}),
    ...(name ? { name } : {}),
  };
  return Object.keys(contact).length ? contact : undefined;
}

/**
 * What the schema cannot check alone: the jurisdiction, the service, the place (a point in the town
 * or a guide venue), the service's attributes. Every problem is named, so one answer lists them all.
 */
export function validateNewRequest(
  input: NewRequestInput,
  landmarkExists: (id: string) => boolean,
): NewRequestOutcome {
  if (!servesJurisdiction(input.jurisdiction_id)) return { kind: 'unknown-jurisdiction' };
  const service = serviceByCode(input.service_code);
  if (!service) return { kind: 'unknown-service' };
  const place = placeOf(input, landmarkExists);
  const attributes = input.attribute ?? {};
  const errors = [...(place.errors ?? []), ...attributeProblems(service, attributes)];
  if (errors.length || !place.location) return { kind: 'invalid', errors };
  const locale = input.locale ?? 'en';
  const contact = contactOf(input, locale);
  return {
    kind: 'valid',
    draft: {
      serviceCode: service.code,
      description: input.description,
      location: place.location,
      ...(input.address_string ? { addressString: input.address_string } : {}),
      ...(contact ? { contact } : {}),
      attributes,
      locale,
    },
  };
}
