import type { RequestLocation } from '../../../functions/domain/resident-affairs/model.ts';
import type { TownMap } from './town-map.ts';

/** What the page knows from the catalogue when it is built, in its reader's language. */
export interface Catalogue {
  questions: Record<string, { code: string; question: string; values: Record<string, string> }[]>;
  departments: Record<string, string>;
  venues: Record<string, { name: string; lat: number; lon: number }>;
}

export const catalogueOf = (root: HTMLElement): Catalogue => JSON.parse(root.dataset.catalogue ?? '{}');

/** The answers to the service's questions as a definition list: each question, then its answer in words. */
export function renderAnswers(
  list: HTMLElement,
  catalogue: Catalogue,
  serviceCode: string,
  answers: Record<string, string | string[]>,
): void {
  const questions = catalogue.questions[serviceCode] ?? [];
  list.replaceChildren(
    ...Object.entries(answers).map(([code, answer]) => {
      const question = questions.find((each) => each.code === code);
      const row = document.createElement('div');
      const term = document.createElement('dt');
      term.textContent = question?.question ?? code;
      const value = document.createElement('dd');
      value.textContent = [answer]
        .flat()
        .map((key) => question?.values[key] ?? key)
        .join(', ');
      row.append(term, value);
      return row;
    }),
  );
  list.hidden = list.childElementCount === 0;
}

/** Puts a report's place on the map; returns the landmark's name when the place is one. */
export function showPlace(map: TownMap, catalogue: Catalogue, location: RequestLocation): string | undefined {
  if ('landmarkVenueId' in location) {
    const venue = catalogue.venues[location.landmarkVenueId];
    map.show(venue);
    return venue?.name ?? location.landmarkVenueId;
  }
  map.show({ lat: location.lat, lon: location.lon });
  return undefined;
}

/** A photo of a report through its short-lived view URL, with words for it. */
export function photoItem(url: string, alt: string): HTMLLIElement {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = url;
  const image = document.createElement('img');
  image.src = url;
  image.alt = alt;
  image.width = 160;
  image.height = 160;
  link.append(image);
  item.append(link);
  return item;
}
