import type { KeyWithPrefix } from '../i18n/ui.ts';
import {
  distanceAndDirection,
  fromMap,
  type MapBox,
  type MapPoint,
  toMap,
  unitsPerMetre,
} from './map-projection.ts';
import type { PageText } from './page-text.ts';

interface Landmark {
  id: string;
  lat: number;
  lon: number;
  label: string;
}

export interface Place {
  lat: number;
  lon: number;
}

export interface TownMap {
  /** Shows the pin at a place (a position the phone found, a report's place); undefined removes it. */
  show(place: Place | undefined): void;
  readonly place: Place | undefined;
}

/** How far one arrow key moves the pin: 20 m, or 100 m with Shift. */
const stepMetres = 20;
const bigStepMetres = 100;

const arrows: Record<string, [number, number]> = {
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
};

/** "about 150 m south-east of East Scenic Zone": the pin in words, for everyone who cannot see it. */
function describe(
  text: PageText<KeyWithPrefix<'map.'>>,
  landmarks: readonly Landmark[],
  place: Place,
): string {
  const nearest = landmarks
    .map((landmark) => ({ landmark, ...distanceAndDirection(place, landmark) }))
    .sort((a, b) => a.metres - b.metres)[0];
  if (!nearest) return '';
  if (nearest.metres < 30) return text.t('map.pinAt', { landmark: nearest.landmark.label });
  const distance =
    nearest.metres < 1000
      ? text.t('map.metres', { count: Math.round(nearest.metres / 10) * 10 })
      : text.t('map.kilometres', { count: (nearest.metres / 1000).toFixed(1) });
  return text.t('map.pinNear', {
    distance,
    direction: text.t(`map.dir.${nearest.direction}`),
    landmark: nearest.landmark.label,
  });
}

/**
 * Wires a TownMap.astro map. An interactive one takes a click or tap, or the arrow keys (the first
 * press puts the pin in the middle), and calls `onPin` with the new place.
 */
export function setUpTownMap(
  root: HTMLElement,
  text: PageText<KeyWithPrefix<'map.'>>,
  onPin?: (place: Place) => void,
): TownMap {
  const { box, landmarks } = JSON.parse(root.dataset.map ?? '{}') as { box: MapBox; landmarks: Landmark[] };
  const svg = root.querySelector('svg') as SVGSVGElement;
  const pin = svg.querySelector('.map-pin') as SVGGElement;
  const status = root.querySelector('.map-status') as HTMLElement;
  const [, , width = 0, height = 0] = (svg.getAttribute('viewBox') ?? '').split(' ').map(Number);
  let current: Place | undefined;

  const clampToMap = ({ x, y }: MapPoint): MapPoint => ({
    x: Math.min(width, Math.max(0, x)),
    y: Math.min(height, Math.max(0, y)),
  });

  function show(place: Place | undefined): void {
    current = place;
    if (!place) {
      pin.setAttribute('display', 'none');
      status.textContent = text.t('map.noPin');
      return;
    }
    const { x, y } = clampToMap(toMap(box, place.lat, place.lon));
    pin.setAttribute('transform', `translate(${x.toFixed(1)} ${y.toFixed(1)})`);
    pin.setAttribute('display', 'inline');
    status.textContent = describe(text, landmarks, place);
  }

  function place(point: MapPoint): void {
    const chosen = fromMap(box, clampToMap(point));
    show(chosen);
    onPin?.(chosen);
  }

  if (onPin) {
    svg.addEventListener('click', (event) => {
      const matrix = svg.getScreenCTM();
      if (!matrix) return;
      const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
      place({ x: point.x, y: point.y });
    });
    svg.addEventListener('keydown', (event) => {
      const arrow = arrows[event.key];
      if (!arrow) return;
      event.preventDefault();
      const step = (event.shiftKey ? bigStepMetres : stepMetres) * unitsPerMetre(box);
      const from = current ? toMap(box, current.lat, current.lon) : undefined;
      place(
        from ? { x: from.x + arrow[0] * step, y: from.y + arrow[1] * step } : { x: width / 2, y: height / 2 },
      );
    });
  }

  return {
    show,
    get place() {
      return current;
    },
  };
}
