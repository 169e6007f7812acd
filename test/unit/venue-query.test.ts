import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxNearbyLatitude } from '../../functions/domain/geo.ts';
import { venueQuery } from '../../functions/domain/venue-query.ts';

const nearIsValid = (near: string) => venueQuery.safeParse({ near }).success;

describe('the near parameter of the venue search', () => {
  it(`takes every latitude within ±${maxNearbyLatitude}, written as a client would`, () => {
    const inRange = fc.double({ min: -maxNearbyLatitude, max: maxNearbyLatitude, noNaN: true });
    const longitude = fc.double({ min: -180, max: 180, noNaN: true });
    fc.assert(
      fc.property(inRange, longitude, fc.integer({ min: 0, max: 12 }), (lat, lon, digits) => {
        const written = `${lat.toFixed(digits)},${lon.toFixed(6)}`;
        expect(nearIsValid(written), written).toBe(true);
      }),
      { numRuns: 1_000 },
    );
    for (const near of ['75,0', '-75.000,0', '075,1', '0,180', '74.9999999,-180']) {
      expect(nearIsValid(near), near).toBe(true);
    }
  });

  it(`refuses every latitude beyond ±${maxNearbyLatitude}, so no search plans a circle there`, () => {
    const beyond = fc.oneof(
      fc.double({ min: maxNearbyLatitude, max: 999, noNaN: true, minExcluded: true }),
      fc.double({ min: -999, max: -maxNearbyLatitude, noNaN: true, maxExcluded: true }),
    );
    fc.assert(
      fc.property(beyond, fc.integer({ min: 0, max: 12 }), (lat, digits) => {
        const written = `${lat.toFixed(digits)},120`;
        // Rounding to few digits may bring a latitude back to the boundary itself.
        fc.pre(Math.abs(Number(written.split(',')[0])) > maxNearbyLatitude);
        expect(nearIsValid(written), written).toBe(false);
      }),
      { numRuns: 1_000 },
    );
    for (const near of ['75.0000001,0', '-75.1,0', '76,0', '89.9,0', '90,0', '100,0']) {
      expect(nearIsValid(near), near).toBe(false);
    }
  });
});
