import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { buildSite } from '../../local/site-build.ts';

const projectRoot = join(import.meta.dirname, '../..');

/** A venue as the OpenStreetMap importer writes it: toilets, an OSM way, hours the evaluator cannot read. */
export const importedVenueId = 'imported-west-gate-toilets';
export const importedVenueFixture = join(projectRoot, 'test/fixtures/venues', `${importedVenueId}.yaml`);

/**
 * A program in the shape the schedule importers write (test/fixtures/imported-program): plain
 * strings, kept ids, a room and a speaker booked twice at once, a session across midnight and the
 * night the clocks go forward in Europe/Berlin, the edition's zone.
 */
const importedProgramFixture = join(projectRoot, 'test/fixtures/imported-program');

export interface ImportedContentSite {
  /** The static pages, as site/dist/client holds them. */
  client: string;
  remove(): Promise<void>;
}

/**
 * Builds the site from a copy of content/ with the imported venue added and the current edition's
 * program replaced by the imported one (CONTENT_DIR), so their pages can be checked without
 * imported content in the portal's own. Inside the project (the ignored .data folder), because the
 * build resolves its packages from there.
 */
export async function buildImportedContentSite(): Promise<ImportedContentSite> {
  const data = join(projectRoot, '.data');
  await mkdir(data, { recursive: true });
  const folder = await mkdtemp(join(data, 'imported-content-site-'));
  const remove = () => rm(folder, { recursive: true, force: true });
  try {
    const contentDir = join(folder, 'content');
    await cp(join(projectRoot, 'content'), contentDir, { recursive: true });
    await cp(importedVenueFixture, join(contentDir, 'venues', `${importedVenueId}.yaml`));
    const editionFile = join(contentDir, 'editions', '2027.yaml');
    const edition = parse(await readFile(editionFile, 'utf8'));
    Object.assign(edition, {
      startDate: '2027-03-27',
      endDate: '2027-03-28',
      timeZone: 'Europe/Berlin',
      sample: false,
    });
    await writeFile(editionFile, stringify(edition));
    await rm(join(contentDir, 'program', '2027'), { recursive: true });
    await cp(importedProgramFixture, join(contentDir, 'program', '2027'), { recursive: true });
    const outDir = join(folder, 'dist');
    await buildSite({ outDir, contentDir });
    return { client: join(outDir, 'client'), remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
