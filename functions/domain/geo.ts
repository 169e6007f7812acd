// Distances and the geohash plan for "near me": which key ranges of the geo index to query so that
// together they hold every venue within a radius, and little else. Pure: the store runs the queries.

export interface LatLon {
  lat: number;
  lon: number;
}

/** Mean Earth radius (IUGG), in metres. */
export const earthRadiusMeters = 6_371_008.8;

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
const toDegrees = (radians: number) => (radians * 180) / Math.PI;

/** Great-circle distance by the haversine formula; within 0.5 % of the ellipsoid, plenty for a town. */
export function distanceMeters(a: LatLon, b: LatLon): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusMeters * Math.asin(Math.min(1, Math.sqrt(h)));
}

const base32 = '0123456789bcdefghjkmnpqrstuvwxyz';

/** Geohashes interleave longitude and latitude bits, longitude first: `precision` characters of 5 bits. */
const lonBitsOf = (precision: number) => Math.ceil((5 * precision) / 2);
const latBitsOf = (precision: number) => Math.floor((5 * precision) / 2);

/**
 * Row (latitude) or column (longitude) of the cell holding `value` among 2^bits equal slices of
 * [min, max], by the same halving as the standard geohash encoder: a value on a boundary goes to the
 * upper slice.
 */
function sliceIndex(value: number, min: number, max: number, bits: number): number {
  let index = 0;
  let low = min;
  let high = max;
  for (let bit = 0; bit < bits; bit++) {
    const middle = (low + high) / 2;
    if (value >= middle) {
      index = index * 2 + 1;
      low = middle;
    } else {
      index *= 2;
      high = middle;
    }
  }
  return index;
}

/** The geohash of the cell in `row` and `column` at `precision`. Arithmetic, not bit operators: 45 bits. */
function geohashOfCell(row: number, column: number, precision: number): string {
  let lonBit = 2 ** (lonBitsOf(precision) - 1);
  let latBit = 2 ** (latBitsOf(precision) - 1);
  let hash = '';
  let symbol = 0;
  for (let bit = 0; bit < 5 * precision; bit++) {
    const isLon = bit % 2 === 0;
    const part = isLon ? column : row;
    const weight = isLon ? lonBit : latBit;
    symbol = symbol * 2 + (Math.floor(part / weight) % 2);
    if (isLon) lonBit /= 2;
    else latBit /= 2;
    if (bit % 5 === 4) {
      hash += base32.charAt(symbol);
      symbol = 0;
    }
  }
  return hash;
}

function checkPrecision(precision: number): void {
  if (!Number.isInteger(precision) || precision < 1 || precision > 12) {
    throw new RangeError(`geohash precision must be an integer from 1 to 12, not ${precision}`);
  }
}

function checkLatLon(lat: number, lon: number): void {
  if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
    throw new RangeError(`not a WGS-84 position: ${lat}, ${lon}`);
  }
}

/** The standard base-32 geohash of a position, `precision` characters long. */
export function encodeGeohash(lat: number, lon: number, precision: number): string {
  checkPrecision(precision);
  checkLatLon(lat, lon);
  const row = sliceIndex(lat, -90, 90, latBitsOf(precision));
  const column = sliceIndex(lon, -180, 180, lonBitsOf(precision));
  return geohashOfCell(row, column, precision);
}

export interface GeohashCell {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** The rectangle a geohash stands for: south and west edges belong to it, north and east ones to the next cells. */
export function decodeGeohash(hash: string): GeohashCell {
  checkPrecision(hash.length);
  let row = 0;
  let column = 0;
  let bit = 0;
  for (const character of hash) {
    const symbol = base32.indexOf(character);
    if (symbol < 0) throw new RangeError(`not a geohash: ${JSON.stringify(hash)}`);
    for (let shift = 4; shift >= 0; shift--, bit++) {
      const value = Math.floor(symbol / 2 ** shift) % 2;
      if (bit % 2 === 0) column = column * 2 + value;
      else row = row * 2 + value;
    }
  }
  return cellBounds(row, column, hash.length);
}

/** Powers of two divide 180 and 360 exactly, so the edges are exact and shared by neighbouring cells. */
function cellBounds(row: number, column: number, precision: number): GeohashCell {
  const height = 180 / 2 ** latBitsOf(precision);
  const width = 360 / 2 ** lonBitsOf(precision);
  return {
    south: -90 + row * height,
    north: -90 + (row + 1) * height,
    west: -180 + column * width,
    east: -180 + (column + 1) * width,
  };
}

/**
 * Partition key of the geo index. A cell is about 4.9 km × 4.9 km at the equator (4.9 × 4.2 km in
 * Wuzhen), so a circle of up to 2 km touches at most four partitions, and every venue of the town
 * sits in a few of them.
 */
export const coarseCellPrecision = 5;

/** Sort key of the geo index, `<geohash>#<venue id>`: cells of about 4.8 m × 4.8 m keep neighbours together. */
export const fineKeyPrecision = 9;

/** The geo index keys of a venue at `location`. */
export function geoIndexKeys(location: LatLon, venueId: string): { geoCell: string; geoKey: string } {
  const fine = encodeGeohash(location.lat, location.lon, fineKeyPrecision);
  return { geoCell: fine.slice(0, coarseCellPrecision), geoKey: `${fine}#${venueId}` };
}

/** One query of the geo index: `geoCell = partition AND geoKey BETWEEN from AND to`, as strings. */
export interface NearbyRange {
  partition: string;
  from: string;
  to: string;
}

/**
 * The most queries one nearby search issues. Each is a round trip and costs at least half a read
 * unit, however little it returns; past this many, reading a few cells more is cheaper.
 */
export const maxNearbyRanges = 16;

/** Larger circles touch so many partitions that a plan would read most of the town anyway. */
export const maxNearbyRadiusMeters = 5_000;

/** Finer ranges than this are not worth planning: a cell of precision 8 is about 38 m × 19 m. */
const finestRangePrecision = 8;

/** Stops a plan at a fine precision from enumerating many thousands of cells for a large circle. */
const maxCellsConsidered = 4_096;

/**
 * Keeps a cell whose nearest edge is within a metre more than the radius: measuring to the nearest
 * point of a latitude/longitude rectangle by clamping is exact for its parallels and off by far less
 * than a millimetre for its meridians at these distances.
 */
const edgeToleranceMeters = 1;

/** `to` ends with `~`, after every geohash symbol and `#`, so the range takes every id under the prefix. */
const afterEveryKey = '~';

interface Run {
  partition: string;
  /** Position of the first and last cell in geohash order; a run holds every cell in between. */
  first: number;
  last: number;
  firstHash: string;
  lastHash: string;
}

/** Position of a cell in geohash (Z) order: its bits interleaved, longitude first. */
function zOrder(row: number, column: number, precision: number): number {
  let position = 0;
  let lonBit = 2 ** (lonBitsOf(precision) - 1);
  let latBit = 2 ** (latBitsOf(precision) - 1);
  for (let bit = 0; bit < 5 * precision; bit++) {
    const isLon = bit % 2 === 0;
    position = position * 2 + (Math.floor((isLon ? column : row) / (isLon ? lonBit : latBit)) % 2);
    if (isLon) lonBit /= 2;
    else latBit /= 2;
  }
  return position;
}

/** Longitude difference in (-180, 180]. */
function wrapLongitude(degrees: number): number {
  const wrapped = ((((degrees + 180) % 360) + 360) % 360) - 180;
  return wrapped === -180 ? 180 : wrapped;
}

/** Distance from `center` to the nearest point of a cell. */
function distanceToCell(center: LatLon, cell: GeohashCell): number {
  const lat = Math.min(Math.max(center.lat, cell.south), cell.north);
  const toWest = wrapLongitude(cell.west - center.lon);
  const toEast = toWest + (cell.east - cell.west);
  const lonOffset = toWest <= 0 && toEast >= 0 ? 0 : Math.abs(toWest) < Math.abs(toEast) ? toWest : toEast;
  return distanceMeters(center, { lat, lon: center.lon + lonOffset });
}

interface Candidate {
  ranges: Run[];
  /** Cells read, in units of the finest considered cell, so candidates at different precisions compare. */
  cost: number;
}

/**
 * The cells at `precision` that the circle touches, merged into runs of consecutive cells, then runs
 * of one partition joined across their smallest gaps. Undefined when the circle spans too many cells
 * at this precision to be worth listing, except at the partition's own precision: some plan must exist.
 */
function planAt(center: LatLon, reach: number, precision: number): Candidate | undefined {
  const latBits = latBitsOf(precision);
  const lonBits = lonBitsOf(precision);
  const columns = 2 ** lonBits;
  const angle = reach / earthRadiusMeters;
  const halfHeight = toDegrees(angle);
  // The widest longitude a circle on the sphere spans: where its edge runs due north.
  const halfWidth = toDegrees(Math.asin(Math.sin(angle) / Math.cos(toRadians(center.lat))));
  const southRow = sliceIndex(Math.max(-90, center.lat - halfHeight), -90, 90, latBits);
  const northRow = sliceIndex(Math.min(90, center.lat + halfHeight), -90, 90, latBits);
  const westColumn = sliceIndex(wrapLongitude(center.lon - halfWidth), -180, 180, lonBits);
  const eastColumn = sliceIndex(wrapLongitude(center.lon + halfWidth), -180, 180, lonBits);
  const columnCount = ((eastColumn - westColumn + columns) % columns) + 1;
  const isCoarsest = precision === coarseCellPrecision;
  if (!isCoarsest && (northRow - southRow + 1) * columnCount > maxCellsConsidered) return undefined;

  const cells: Array<{ position: number; hash: string }> = [];
  for (let row = southRow; row <= northRow; row++) {
    for (let step = 0; step < columnCount; step++) {
      const column = (westColumn + step) % columns;
      if (distanceToCell(center, cellBounds(row, column, precision)) > reach) continue;
      cells.push({ position: zOrder(row, column, precision), hash: geohashOfCell(row, column, precision) });
    }
  }
  cells.sort((a, b) => a.position - b.position);

  const runs: Run[] = [];
  for (const cell of cells) {
    const partition = cell.hash.slice(0, coarseCellPrecision);
    const previous = runs.at(-1);
    if (previous && previous.partition === partition && previous.last + 1 === cell.position) {
      previous.last = cell.position;
      previous.lastHash = cell.hash;
    } else {
      runs.push({
        partition,
        first: cell.position,
        last: cell.position,
        firstHash: cell.hash,
        lastHash: cell.hash,
      });
    }
  }

  const ranges = joinCheapestGaps(runs);
  const cellsRead = ranges.reduce((total, run) => total + run.last - run.first + 1, 0);
  return { ranges, cost: cellsRead * 32 ** (finestRangePrecision - precision) };
}

/**
 * Joins runs of one partition across their smallest gaps until at most `maxNearbyRanges` remain, or
 * one run per partition. Joining reads the cells in the gap too; one join leaves the other gaps as
 * they were, so the smallest gaps can be picked all at once.
 */
function joinCheapestGaps(runs: readonly Run[]): Run[] {
  const excess = runs.length - maxNearbyRanges;
  if (excess <= 0) return [...runs];
  const joinable = runs
    .map((run, index) => ({ index, gap: run.first - (runs[index - 1]?.last ?? Number.NaN) }))
    .filter(({ index }) => index > 0 && runs[index - 1]?.partition === runs[index]?.partition)
    .sort((a, b) => a.gap - b.gap || a.index - b.index)
    .slice(0, excess);
  const joinsPrevious = new Set(joinable.map(({ index }) => index));
  const joined: Run[] = [];
  for (const [index, run] of runs.entries()) {
    const previous = joined.at(-1);
    if (previous && joinsPrevious.has(index)) {
      previous.last = run.last;
      previous.lastHash = run.lastHash;
    } else {
      joined.push({ ...run });
    }
  }
  return joined;
}

/**
 * The geo index ranges to query for every venue within `radiusMeters` of `center`. Tries every range
 * precision from the partition's own down to cells of about 38 m and keeps the plan that reads the
 * fewest cells; ties go to fewer queries. No range crosses a partition, so a plan has at least one
 * range per partition the circle touches: with the maximum radius that exceeds `maxNearbyRanges` only
 * beyond about 50° of latitude, where cells are narrow.
 */
export function nearbyPlan(center: LatLon, radiusMeters: number): NearbyRange[] {
  checkLatLon(center.lat, center.lon);
  if (!(radiusMeters >= 0 && radiusMeters <= maxNearbyRadiusMeters)) {
    throw new RangeError(`radius must be from 0 to ${maxNearbyRadiusMeters} m, not ${radiusMeters}`);
  }
  const reach = radiusMeters + edgeToleranceMeters;
  if (Math.sin(reach / earthRadiusMeters) >= Math.cos(toRadians(center.lat))) {
    throw new RangeError('nearbyPlan does not plan circles around a pole');
  }
  let best: Candidate | undefined;
  for (let precision = coarseCellPrecision; precision <= finestRangePrecision; precision++) {
    const candidate = planAt(center, reach, precision);
    if (!candidate) continue;
    if (
      !best ||
      candidate.cost < best.cost ||
      (candidate.cost === best.cost && candidate.ranges.length < best.ranges.length)
    ) {
      best = candidate;
    }
  }
  return (best?.ranges ?? []).map((run) => ({
    partition: run.partition,
    from: run.firstHash,
    to: `${run.lastHash}${afterEveryKey}`,
  }));
}
