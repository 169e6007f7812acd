/**
 * The report page's map of Wuzhen (site/src/components/TownMap.astro): its box around the guide's
 * venues, inside the area the API takes points in, and its projection, which a pin must survive
 * both ways.
 */
import { describe, expect, it } from 'vitest';
import { loadVenues } from '../../content/load.ts';
import { serviceArea } from '../../functions/domain/resident-affairs/new-request.ts';
import { townBox } from '../../site/src/lib/town-map.ts';
import {
  distanceAndDirection,
  fromMap,
  mapHeight,
  mapWidth,
  toMap,
  unitsPerMetre,
} from '../../site/src/scripts/map-projection.ts';

const venues = await loadVenues();
const box = townBox(venues.map(({ location }) => location));

describe('the town map', () => {
  it('frames every venue of the guide with room around it, inside the service area', () => {
    for (const { id, location } of venues) {
      expect(location.lat, id).toBeGreaterThan(box.south + 0.002);
      expect(location.lat, id).toBeLessThan(box.north - 0.002);
      expect(location.lon, id).toBeGreaterThan(box.west + 0.002);
      expect(location.lon, id).toBeLessThan(box.east - 0.002);
    }
    expect(box.south).toBeGreaterThanOrEqual(serviceArea.south);
    expect(box.north).toBeLessThanOrEqual(serviceArea.north);
    expect(box.west).toBeGreaterThanOrEqual(serviceArea.west);
    expect(box.east).toBeLessThanOrEqual(serviceArea.east);
  });

  it('leaves out places outside the service area, and frames the town when none is left', () => {
    const far = { lat: 31.23, lon: 121.47 };
    expect(townBox([...venues.map(({ location }) => location), far])).toEqual(box);
    const fallback = townBox([far]);
    expect(fallback.north - fallback.south).toBeGreaterThan(0);
    expect(fallback.south).toBeGreaterThan(serviceArea.south);
    expect(fallback.east).toBeLessThan(serviceArea.east);
  });

  it('gives back the place a pin was put at, to a tenth of a metre', () => {
    for (const { lat, lon } of [
      { lat: box.south, lon: box.west },
      { lat: 30.7447, lon: 120.4992 },
      { lat: box.north, lon: box.east },
    ]) {
      const back = fromMap(box, toMap(box, lat, lon));
      expect(back.lat).toBeCloseTo(lat, 6);
      expect(back.lon).toBeCloseTo(lon, 6);
    }
    expect(toMap(box, box.north, box.west)).toEqual({ x: 0, y: 0 });
    expect(toMap(box, box.south, box.east)).toEqual({ x: mapWidth, y: mapHeight(box) });
  });

  it('keeps metres square: 500 m east and 500 m north take as many map units', () => {
    const centre = { lat: (box.south + box.north) / 2, lon: (box.west + box.east) / 2 };
    const start = toMap(box, centre.lat, centre.lon);
    const units = 500 * unitsPerMetre(box);
    const east = fromMap(box, { x: start.x + units, y: start.y });
    const north = fromMap(box, { x: start.x, y: start.y - units });
    expect(distanceAndDirection(east, centre).metres).toBeCloseTo(500, -1);
    expect(distanceAndDirection(east, centre).direction).toBe('e');
    expect(distanceAndDirection(north, centre).metres).toBeCloseTo(500, -1);
    expect(distanceAndDirection(north, centre).direction).toBe('n');
  });

  it('names the direction from a landmark in eight winds', () => {
    const landmark = { lat: 30.7447, lon: 120.4992 };
    const step = 0.001;
    expect(
      distanceAndDirection({ lat: landmark.lat - step, lon: landmark.lon - step }, landmark).direction,
    ).toBe('sw');
    expect(
      distanceAndDirection({ lat: landmark.lat + step, lon: landmark.lon + step }, landmark).direction,
    ).toBe('ne');
    expect(distanceAndDirection({ lat: landmark.lat, lon: landmark.lon - step }, landmark).direction).toBe(
      'w',
    );
  });
});
