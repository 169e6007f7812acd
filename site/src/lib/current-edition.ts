import { getCollection } from 'astro:content';
import { currentEdition } from '../../../content/load.ts';
import type { Edition } from '../../../content/schemas/edition.ts';

/** The edition the portal registers people for, from the editions collection. */
export async function loadCurrentEdition(): Promise<Edition> {
  return currentEdition((await getCollection('editions')).map(({ data }) => data));
}
