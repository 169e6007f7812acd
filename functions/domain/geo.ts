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

/** "Near me" in a town needs no more; larger circles touch more partitions than a plan should query. */
export const maxNearbyRadiusMeters = 5_000;

/**
 * Partitions narrow towards the poles, so one circle touches ever more of them: at 75° a plan of
 * the largest radius takes up to 26 queries, at 89.9° over 3,000 (one request fanned out that far
 * is an amplifier, and it timed out under load). No town the portal serves lies beyond.
 */
export const maxNearbyLatitude = 75;

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

/**
 * How much more a plan may read than the tightest one, to save queries. Reading cells is cheap for
 * small index items; every query is a round trip with a minimum charge.
 */
const readSlack = 1.5;

interface Runs {
  precision: number;
  /** Runs of consecutive cells in geohash order, never across partitions. */
  runs: Run[];
}

/**
 * The cells at `precision` that the circle touches, merged into runs of consecutive cells. Undefined
 * when the circle spans too many cells at this precision to be worth listing, except at the
 * partition's own precision: some plan must exist.
 */
function runsAt(center: LatLon, reach: number, precision: number): Runs | undefined {
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

  return { precision, runs };
}

/** Cells a plan reads, in cells of the finest precision, so plans at different precisions compare. */
const cellWeight = (precision: number) => 32 ** (finestRangePrecision - precision);

interface Plan {
  ranges: Run[];
  cost: number;
}

/**
 * Joins runs of one partition across their smallest gaps: as many as it takes to get down to
 * `maxNearbyRanges` (or one run per partition), then, given a budget, more while the cells read stay
 * within it.
 * Joining reads the cells in the gap too; one join leaves the other gaps as they were, so taking the
 * smallest gaps first joins the most runs for the cells read. Undefined when the joins that must be
 * made already exceed the budget.
 */
function joinRuns({ precision, runs }: Runs, budget?: number): Plan | undefined {
  const weight = cellWeight(precision);
  const gaps = runs
    .map((run, index) => ({ index, cells: run.first - (runs[index - 1]?.last ?? Number.NaN) - 1 }))
    .filter(({ index }) => index > 0 && runs[index - 1]?.partition === runs[index]?.partition)
    .sort((a, b) => a.cells - b.cells || a.index - b.index);
  let cost = runs.reduce((total, run) => total + (run.last - run.first + 1) * weight, 0);
  const mustJoin = runs.length - maxNearbyRanges;
  const joinsPrevious = new Set<number>();
  for (const gap of gaps) {
    const joinedCost = cost + gap.cells * weight;
    if (joinsPrevious.size >= mustJoin && (budget === undefined || joinedCost > budget)) break;
    joinsPrevious.add(gap.index);
    cost = joinedCost;
  }
  if (budget !== undefined && cost > budget) return undefined;
  const ranges: Run[] = [];
  for (const [index, run] of runs.entries()) {
    const previous = ranges.at(-1);
    if (previous && joinsPrevious.has(index)) {
      previous.last = run.last;
      previous.lastHash = run.lastHash;
    } else {
      ranges.push({ ...run });
    }
  }
  return { ranges, cost };
}

/**
 * The geo index ranges to query for every venue within `radiusMeters` of `center`. Lists the cells
 * the circle touches at each precision from the partition's own down to cells of about 38 m, finds
 * the fewest cells any plan of at most `maxNearbyRanges` queries reads, then keeps the plan with the
 * fewest queries that reads at most `readSlack` times that. No range crosses a partition, so a plan
 * has at least one range per partition the circle touches; within 55° of latitude (all of China)
 * that stays within `maxNearbyRanges` up to the maximum radius, and within `maxNearbyLatitude`
 * under twice that.
 */
export function nearbyPlan(center: LatLon, radiusMeters: number): NearbyRange[] {
  checkLatLon(center.lat, center.lon);
  if (!(radiusMeters >= 0 && radiusMeters <= maxNearbyRadiusMeters)) {
    throw new RangeError(`radius must be from 0 to ${maxNearbyRadiusMeters} m, not ${radiusMeters}`);
  }
  if (Math.abs(center.lat) > maxNearbyLatitude) {
    throw new RangeError(
      `nearbyPlan plans circles within ${maxNearbyLatitude}° of the equator, not at ${center.lat}°`,
    );
  }
  const reach = radiusMeters + edgeToleranceMeters;
  const listed: Runs[] = [];
  for (let precision = coarseCellPrecision; precision <= finestRangePrecision; precision++) {
    const runs = runsAt(center, reach, precision);
    if (runs) listed.push(runs);
  }
  const tightest = Math.min(...listed.map((runs) => joinRuns(runs)?.cost ?? Infinity));
  let best: Plan | undefined;
  for (const runs of listed) {
    const plan = joinRuns(runs, tightest * readSlack);
    if (!plan) continue;
    if (
      !best ||
      plan.ranges.length < best.ranges.length ||
      (plan.ranges.length === best.ranges.length && plan.cost < best.cost)
    ) {
      best = plan;
    }
  }
  return (best?.ranges ?? []).map((run) => ({
    partition: run.partition,
    from: run.firstHash,
    to: `${run.lastHash}${afterEveryKey}`,
  }));
}
