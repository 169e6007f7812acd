import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  coarseCellPrecision,
  decodeGeohash,
  distanceMeters,
  earthRadiusMeters,
  encodeGeohash,
  fineKeyPrecision,
  geoIndexKeys,
  type LatLon,
  maxNearbyLatitude,
  maxNearbyRadiusMeters,
  maxNearbyRanges,
  type NearbyRange,
  nearbyPlan,
} from '../../functions/domain/geo.ts';

const wuzhen: LatLon = { lat: 30.7461, lon: 120.4956 };
const metersPerDegreeOfLatitude = (earthRadiusMeters * Math.PI) / 180;

/** The point `meters` from `start` towards `bearing` (degrees clockwise from north), on the sphere. */
function pointAt(start: LatLon, bearing: number, meters: number): LatLon {
  const angle = meters / earthRadiusMeters;
  const heading = (bearing * Math.PI) / 180;
  const lat1 = (start.lat * Math.PI) / 180;
  const lat2 = Math.asin(
    Math.sin(lat1) * Math.cos(angle) + Math.cos(lat1) * Math.sin(angle) * Math.cos(heading),
  );
  const lonOffset = Math.atan2(
    Math.sin(heading) * Math.sin(angle) * Math.cos(lat1),
    Math.cos(angle) - Math.sin(lat1) * Math.sin(lat2),
  );
  const lon = start.lon + (lonOffset * 180) / Math.PI;
  return { lat: (lat2 * 180) / Math.PI, lon: lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon };
}

/** Whether a query of the plan returns the venue: the store's key condition, compared as strings. */
function planReads(plan: readonly NearbyRange[], point: LatLon): boolean {
  const { geoCell, geoKey } = geoIndexKeys(point, 'some-venue');
  return plan.some((range) => range.partition === geoCell && range.from <= geoKey && geoKey <= range.to);
}

const wuzhenCell = decodeGeohash(encodeGeohash(wuzhen.lat, wuzhen.lon, coarseCellPrecision));
const nearWuzhenLat = fc.double({ min: wuzhen.lat - 0.045, max: wuzhen.lat + 0.045, noNaN: true });
const nearWuzhenLon = fc.double({ min: wuzhen.lon - 0.052, max: wuzhen.lon + 0.052, noNaN: true });

/** Within about 5 km of Wuzhen, and on the edges and the corner of its partition, where plans split. */
const centerNearWuzhen: fc.Arbitrary<LatLon> = fc.oneof(
  fc.record({ lat: nearWuzhenLat, lon: nearWuzhenLon }),
  fc.record({ lat: fc.constantFrom(wuzhenCell.north, wuzhenCell.south), lon: nearWuzhenLon }),
  fc.record({ lat: nearWuzhenLat, lon: fc.constantFrom(wuzhenCell.east, wuzhenCell.west) }),
  fc.constant({ lat: wuzhenCell.north, lon: wuzhenCell.east }),
);

const radius = fc.double({ min: 100, max: 5_000, noNaN: true });

/** Points spread over the circle and just past it, many of them near its edge. */
const pointsAround = (center: LatLon, radiusMeters: number) =>
  fc.array(
    fc
      .record({
        bearing: fc.double({ min: 0, max: 360, noNaN: true }),
        fraction: fc.oneof(
          fc.double({ min: 0, max: 1.2, noNaN: true }),
          fc.double({ min: 0.98, max: 1, noNaN: true }),
        ),
      })
      .map(({ bearing, fraction }) => pointAt(center, bearing, fraction * radiusMeters)),
    { minLength: 1, maxLength: 40 },
  );

const circleWithPoints = (centers: fc.Arbitrary<LatLon>) =>
  fc
    .record({ center: centers, radiusMeters: radius })
    .chain(({ center, radiusMeters }) =>
      pointsAround(center, radiusMeters).map((points) => ({ center, radiusMeters, points })),
    );

function expectPlanCovers(center: LatLon, radiusMeters: number, points: readonly LatLon[]): void {
  const plan = nearbyPlan(center, radiusMeters);
  for (const point of points) {
    if (distanceMeters(center, point) <= radiusMeters)
      expect(planReads(plan, point), JSON.stringify(point)).toBe(true);
  }
}

describe('distanceMeters', () => {
  it('measures a degree of latitude and a degree of longitude on the equator as 1/360 of the circumference', () => {
    expect(distanceMeters({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111_195.08, 1);
    expect(distanceMeters({ lat: 0, lon: 0 }, { lat: 0, lon: 1 })).toBeCloseTo(111_195.08, 1);
    expect(distanceMeters({ lat: 0, lon: 179.5 }, { lat: 0, lon: -179.5 })).toBeCloseTo(111_195.08, 1);
  });

  it('shrinks a degree of longitude with the cosine of the latitude', () => {
    const east = distanceMeters(wuzhen, { lat: wuzhen.lat, lon: wuzhen.lon + 0.01 });
    expect(east).toBeCloseTo(1_111.95 * Math.cos((wuzhen.lat * Math.PI) / 180), 0);
  });

  it('is zero from a point to itself and the same both ways', () => {
    expect(distanceMeters(wuzhen, wuzhen)).toBe(0);
    const hangzhou = { lat: 30.2741, lon: 120.1551 };
    expect(distanceMeters(wuzhen, hangzhou)).toBe(distanceMeters(hangzhou, wuzhen));
    expect(distanceMeters(wuzhen, hangzhou)).toBeGreaterThan(60_000);
    expect(distanceMeters(wuzhen, hangzhou)).toBeLessThan(62_000);
  });
});

describe('encodeGeohash', () => {
  it('matches published geohashes', () => {
    expect(encodeGeohash(57.64911, 10.40744, 11)).toBe('u4pruydqqvj');
    expect(encodeGeohash(42.6, -5.6, 5)).toBe('ezs42');
    expect(encodeGeohash(-90, -180, 4)).toBe('0000');
    expect(encodeGeohash(90, 180, 4)).toBe('zzzz');
  });

  it('gives a cell that holds the point, and each precision refines the one before', () => {
    const position = fc.record({
      lat: fc.double({ min: -90, max: 90, noNaN: true }),
      lon: fc.double({ min: -180, max: 180, noNaN: true }),
    });
    fc.assert(
      fc.property(position, fc.integer({ min: 1, max: 11 }), ({ lat, lon }, precision) => {
        const hash = encodeGeohash(lat, lon, precision);
        const cell = decodeGeohash(hash);
        expect(lat).toBeGreaterThanOrEqual(cell.south);
        expect(lat).toBeLessThanOrEqual(cell.north);
        expect(lon).toBeGreaterThanOrEqual(cell.west);
        expect(lon).toBeLessThanOrEqual(cell.east);
        expect(encodeGeohash(lat, lon, precision + 1).startsWith(hash)).toBe(true);
      }),
    );
  });

  it('puts a point on a shared edge in the cell to its north or east', () => {
    const cell = decodeGeohash('wtmwv');
    expect(encodeGeohash(cell.south, cell.west, 5)).toBe('wtmwv');
    expect(encodeGeohash(cell.north, cell.west, 5)).not.toBe('wtmwv');
    expect(encodeGeohash(cell.south, cell.east, 5)).not.toBe('wtmwv');
  });

  it('refuses positions off the globe, precisions out of range and strings that are no geohash', () => {
    expect(() => encodeGeohash(91, 0, 5)).toThrow(RangeError);
    expect(() => encodeGeohash(0, Number.NaN, 5)).toThrow(RangeError);
    expect(() => encodeGeohash(0, 0, 0)).toThrow(RangeError);
    expect(() => encodeGeohash(0, 0, 13)).toThrow(RangeError);
    expect(() => decodeGeohash('wtmwa')).toThrow(RangeError);
    expect(() => decodeGeohash('')).toThrow(RangeError);
  });
});

describe('geoIndexKeys', () => {
  it('partitions by the coarse cell and sorts by the fine geohash, then the id', () => {
    const keys = geoIndexKeys(wuzhen, 'tongan-inn');
    expect(keys.geoKey).toBe(`${encodeGeohash(wuzhen.lat, wuzhen.lon, fineKeyPrecision)}#tongan-inn`);
    expect(keys.geoCell).toBe(keys.geoKey.slice(0, coarseCellPrecision));
    expect(keys.geoCell).toBe('wtmwv');
  });
});

describe('nearbyPlan', () => {
  it('reads every point within the radius of a centre near Wuzhen', () => {
    fc.assert(
      fc.property(circleWithPoints(centerNearWuzhen), ({ center, radiusMeters, points }) =>
        expectPlanCovers(center, radiusMeters, points),
      ),
      { numRuns: 300 },
    );
  });

  it('reads every point within the radius anywhere within 55° of the equator, across the 180th meridian too', () => {
    const anywhere = fc.record({
      lat: fc.double({ min: -55, max: 55, noNaN: true }),
      lon: fc.oneof(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.constantFrom(180, -180, 179.99, -179.99),
      ),
    });
    fc.assert(
      fc.property(circleWithPoints(anywhere), ({ center, radiusMeters, points }) =>
        expectPlanCovers(center, radiusMeters, points),
      ),
      { numRuns: 300 },
    );
  });

  it(`issues at most ${maxNearbyRanges} queries within 55° of the equator, each inside one partition`, () => {
    const anywhere = fc.record({
      lat: fc.double({ min: -55, max: 55, noNaN: true }),
      lon: fc.double({ min: -180, max: 180, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.oneof(centerNearWuzhen, anywhere),
        fc.double({ min: 0, max: 5_000, noNaN: true }),
        (center, r) => {
          const plan = nearbyPlan(center, r);
          expect(plan.length).toBeGreaterThan(0);
          expect(plan.length).toBeLessThanOrEqual(maxNearbyRanges);
          for (const range of plan) {
            expect(range.partition).toHaveLength(coarseCellPrecision);
            expect(range.from.startsWith(range.partition)).toBe(true);
            expect(range.to.startsWith(range.partition)).toBe(true);
            expect(range.to.endsWith('~')).toBe(true);
            expect(range.from < range.to).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads at most 2.5 times the points within 300 m, 1 km and 2 km of Wuzhen and of a partition corner', () => {
    const stepLat = 50 / metersPerDegreeOfLatitude;
    for (const center of [wuzhen, { lat: wuzhenCell.north, lon: wuzhenCell.east }]) {
      const stepLon = stepLat / Math.cos((center.lat * Math.PI) / 180);
      for (const radiusMeters of [300, 1_000, 2_000]) {
        const plan = nearbyPlan(center, radiusMeters);
        let within = 0;
        let read = 0;
        // Every range lies in its partition, so a grid over the partitions sees every point read.
        for (const partition of new Set(plan.map((range) => range.partition))) {
          const cell = decodeGeohash(partition);
          for (let lat = cell.south + stepLat / 2; lat < cell.north; lat += stepLat) {
            for (let lon = cell.west + stepLon / 2; lon < cell.east; lon += stepLon) {
              const point = { lat, lon };
              const isWithin = distanceMeters(center, point) <= radiusMeters;
              const isRead = planReads(plan, point);
              if (isWithin) expect(isRead).toBe(true);
              if (isWithin) within++;
              if (isRead) read++;
            }
          }
        }
        expect(within).toBeGreaterThan(0);
        expect(read / within, `${radiusMeters} m around ${JSON.stringify(center)}`).toBeLessThanOrEqual(2.5);
      }
    }
  });

  it(`issues fewer than ${2 * maxNearbyRanges} queries for any circle within ${maxNearbyLatitude}° of the equator`, () => {
    const farNorthOrSouth = fc.record({
      lat: fc.oneof(
        fc.double({ min: 55, max: maxNearbyLatitude, noNaN: true }),
        fc.double({ min: -maxNearbyLatitude, max: -55, noNaN: true }),
        fc.constantFrom(maxNearbyLatitude, -maxNearbyLatitude),
      ),
      lon: fc.double({ min: -180, max: 180, noNaN: true }),
    });
    fc.assert(
      fc.property(farNorthOrSouth, fc.double({ min: 0, max: 5_000, noNaN: true }), (center, r) => {
        expect(nearbyPlan(center, r).length).toBeLessThan(2 * maxNearbyRanges);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses radii it does not plan for and circles beyond its latitude', () => {
    expect(() => nearbyPlan(wuzhen, maxNearbyRadiusMeters + 1)).toThrow(RangeError);
    expect(() => nearbyPlan(wuzhen, -1)).toThrow(RangeError);
    expect(() => nearbyPlan(wuzhen, Number.NaN)).toThrow(RangeError);
    expect(() => nearbyPlan({ lat: 89.99, lon: 0 }, 2_000)).toThrow(RangeError);
    expect(() => nearbyPlan({ lat: -(maxNearbyLatitude + 1e-9), lon: 0 }, 1)).toThrow(RangeError);
    expect(() => nearbyPlan({ lat: 120, lon: 0 }, 500)).toThrow(RangeError);
  });
});
