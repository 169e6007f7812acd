import { changedFileLines, reportSection } from '../report-lines.ts';
import type { VenueImportReport } from './venue-import.ts';

const formatNames = { 'osm-xml': 'OSM XML', 'overpass-json': 'Overpass JSON', geojson: 'GeoJSON' };

const shown = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value));

/** What the import did, for the person who ran it: counts first, then every item that needs a look. */
export function describeVenueImport(report: VenueImportReport): string {
  const reasons = new Map<string, string[]>();
  for (const { element, reason } of report.skipped)
    reasons.set(reason, [...(reasons.get(reason) ?? []), element]);
  return [
    `${report.dryRun ? 'Dry run (nothing written): ' : ''}${report.file} (${formatNames[report.format]}, ${report.elements} tagged elements) in ${(report.elapsedMs / 1000).toFixed(2)} s`,
    `imported ${report.added.length} new, updated ${report.updated.length}, unchanged ${report.unchanged.length}, skipped ${report.skipped.length}, samples dropped ${report.samplesDropped.length}`,
    ...reportSection(
      'skipped, by reason',
      [...reasons].map(([reason, elements]) => `${reason}: ${elements.length} (${elements.join(', ')})`),
    ),
    ...reportSection(
      'kept because edited by hand',
      report.kept.map(
        ({ venue, field, current, imported }) =>
          `${venue}.${field}: kept ${shown(current)}, OSM has ${shown(imported)}`,
      ),
    ),
    ...reportSection(
      'opening hours the evaluator cannot read, kept as openingHoursText',
      report.brokenHours.map(
        ({ venue, element, value, problem }) => `${venue} (${element}): "${value}": ${problem}`,
      ),
    ),
    ...reportSection(
      'values left out or taken from elsewhere',
      report.problems.map(({ venue, element, problem }) => `${venue} (${element}): ${problem}`),
    ),
    ...reportSection(
      'from OSM objects not in the file (left in place; delete them if they are gone)',
      report.missing.map(({ venue, element }) => `${venue} (${element})`),
    ),
    ...reportSection(
      'new venues named like a hand-written one (the same place? link it by giving it an osm key)',
      report.lookalikes.map(({ venue, existing }) => `${venue} and ${existing}`),
    ),
    ...reportSection('samples dropped', report.samplesDropped),
    ...reportSection('notes', report.notes),
    ...reportSection(
      report.dryRun ? 'files that would change' : 'files changed',
      changedFileLines(report.changes),
    ),
  ].join('\n');
}
