import type { LatLon } from '../geo.ts';
import type { RequestLocation } from './model.ts';

/**
 * The grid public views snap a point to: 0.001° of latitude is about 111 m, 0.001° of longitude
 * about 96 m at Wuzhen's 30.7° N. Snapping to a fixed grid (the centre of the cell), rather than
 * adding random noise, means many reports from the same door all show the same cell: noise could
 * be averaged away, a cell cannot be narrowed down.
 */
export const coarseGridDegrees = 0.001;

const snap = (degrees: number) =>
  // Whole numbers of cells, then the cell's centre, rounded to the grid's decimals so no float noise
  // (30.752499999) says more than the cell.
  Number(((Math.floor(degrees / coarseGridDegrees) + 0.5) * coarseGridDegrees).toFixed(4));

/** The centre of the ~100 m cell holding a point. */
export function coarsen(point: LatLon): LatLon {
  return { lat: snap(point.lat), lon: snap(point.lon) };
}

/** A guide venue as public views name it; undefined when the guide no longer has it. */
export type FindLandmark = (venueId: string) => { location: LatLon; name: string } | undefined;

export interface PublicPlace {
  lat?: number;
  long?: number;
  /** The guide venue's name, for a landmark. */
  address?: string;
  /** The guide venue's id, for a landmark (Open311's address_id). */
  address_id?: string;
  /** Whether lat/long were snapped to the ~100 m grid. */
  coarsened: boolean;
}

/**
 * Where a request is, as anyone may see it. A point as given may be a home, so it is snapped to
 * the ~100 m grid, unless staff have checked it is a public street (`precision: 'street'`), when it
 * stands as it is. A landmark is a public venue: its own coordinates and name. The requester's own
 * words for the place (`addressString`) are never public: they may name a home or a person.
 */
export function publicPlace(location: RequestLocation, findLandmark: FindLandmark): PublicPlace {
  if ('landmarkVenueId' in location) {
    const landmark = findLandmark(location.landmarkVenueId);
    if (!landmark) return { address_id: location.landmarkVenueId, coarsened: false };
    return {
      lat: landmark.location.lat,
      long: landmark.location.lon,
      address: landmark.name,
      address_id: location.landmarkVenueId,
      coarsened: false,
    };
  }
  if (location.precision === 'street') return { lat: location.lat, long: location.lon, coarsened: false };
  const cell = coarsen(location);
  return { lat: cell.lat, long: cell.lon, coarsened: true };
}
