import { getCollection } from 'astro:content';
import { departmentNames, services } from '../../../functions/domain/resident-affairs/services.ts';
import type { Locale } from '../i18n/locales.ts';
import type { Catalogue } from '../scripts/request-details.ts';

/**
 * What the follow page and the staff desk name a request's parts with, in one language, when the
 * site is built: each service's questions and their answers' words, the departments, the guide's
 * venues (a landmark's name and place).
 */
export async function requestCatalogue(locale: Locale): Promise<Catalogue> {
  const venues = (await getCollection('venues')).map(({ data }) => data);
  return {
    questions: Object.fromEntries(
      services.map(({ code, attributes }) => [
        code,
        attributes.map((attribute) => ({
          code: attribute.code,
          question: attribute.description[locale],
          values: Object.fromEntries((attribute.values ?? []).map(({ key, name }) => [key, name[locale]])),
        })),
      ]),
    ),
    departments: Object.fromEntries(Object.entries(departmentNames).map(([id, name]) => [id, name[locale]])),
    venues: Object.fromEntries(
      venues.map(({ id, name, location }) => [id, { name: name[locale], ...location }]),
    ),
  };
}
