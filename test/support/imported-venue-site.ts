import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSite } from '../../local/site-build.ts';

const projectRoot = join(import.meta.dirname, '../..');

/** A venue as the OpenStreetMap importer writes it: toilets, an OSM way, hours the evaluator cannot read. */
export const importedVenueId = 'imported-west-gate-toilets';
export const importedVenueFixture = join(projectRoot, 'test/fixtures/venues', `${importedVenueId}.yaml`);

export interface ImportedVenueSite {
  /** The static pages, as site/dist/client holds them. */
  client: string;
  remove(): Promise<void>;
}

/**
 * Builds the site from a copy of content/ with the imported venue added (CONTENT_DIR), so its pages
 * can be checked without an imported venue in the portal's own content. Inside the project (the
 * ignored .data folder), because the build resolves its packages from there.
 */
export async function buildImportedVenueSite(): Promise<ImportedVenueSite> {
  const data = join(projectRoot, '.data');
  await mkdir(data, { recursive: true });
  const folder = await mkdtemp(join(data, 'imported-venue-site-'));
  const remove = () => rm(folder, { recursive: true, force: true });
  try {
    const contentDir = join(folder, 'content');
    await cp(join(projectRoot, 'content'), contentDir, { recursive: true });
    await cp(importedVenueFixture, join(contentDir, 'venues', `${importedVenueId}.yaml`));
    const outDir = join(folder, 'dist');
    await buildSite({ outDir, contentDir });
    return { client: join(outDir, 'client'), remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
