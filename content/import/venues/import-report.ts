import type { VenueImportReport } from './venue-import.ts';

const formatNames = { 'osm-xml': 'OSM XML', 'overpass-json': 'Overpass JSON', geojson: 'GeoJSON' };

const shown = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value));

function section(title: string, lines: string[]): string[] {
  return lines.length > 0 ? [`${title} (${lines.length}):`, ...lines.map((line) => `  ${line}`)] : [];
}

/** What the import did, for the person who ran it: counts first, then every item that needs a look. */
export function describeVenueImport(report: VenueImportReport): string {
  const reasons = new Map<string, string[]>();
  for (const { element, reason } of report.skipped)
    reasons.set(reason, [...(reasons.get(reason) ?? []), element]);
  const { added, changed, removed } = report.changes;
  return [
    `${report.dryRun ? 'Dry run (nothing written): ' : ''}${report.file} (${formatNames[report.format]}, ${report.elements} tagged elements) in ${(report.elapsedMs / 1000).toFixed(2)} s`,
    `imported ${report.added.length} new, updated ${report.updated.length}, unchanged ${report.unchanged.length}, skipped ${report.skipped.length}, samples dropped ${report.samplesDropped.length}`,
    ...section(
      'skipped, by reason',
      [...reasons].map(([reason, elements]) => `${reason}: ${elements.length} (${elements.join(', ')})`),
    ),
    ...section(
      'kept because edited by hand',
      report.kept.map(
        ({ venue, field, current, imported }) =>
          `${venue}.${field}: kept ${shown(current)}, OSM has ${shown(imported)}`,
      ),
    ),
    ...section(
      'opening hours the evaluator cannot read, kept as openingHoursText',
      report.brokenHours.map(
        ({ venue, element, value, problem }) => `${venue} (${element}): "${value}": ${problem}`,
      ),
    ),
    ...section(
      'values left out or taken from elsewhere',
      report.problems.map(({ venue, element, problem }) => `${venue} (${element}): ${problem}`),
    ),
    ...section(
      'from OSM objects not in the file (left in place; delete them if they are gone)',
      report.missing.map(({ venue, element }) => `${venue} (${element})`),
    ),
    ...section(
      'new venues named like a hand-written one (the same place? link it by giving it an osm key)',
      report.lookalikes.map(({ venue, existing }) => `${venue} and ${existing}`),
    ),
    ...section('samples dropped', report.samplesDropped),
    ...section('notes', report.notes),
    ...section(report.dryRun ? 'files that would change' : 'files changed', [
      ...added.map((file) => `+ ${file}`),
      ...changed.map((file) => `~ ${file}`),
      ...removed.map((file) => `- ${file}`),
    ]),
  ].join('\n');
}
