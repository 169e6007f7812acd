import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import { type Edition, editionSchema } from './schemas/edition.ts';
import { type Venue, venueSchema } from './schemas/venue.ts';

const contentRoot = fileURLToPath(new URL('.', import.meta.url));
const projectRoot = join(contentRoot, '..');

/** Bad content names the file and every bad field, so the build log points straight at the fix. */
export class ContentError extends Error {
  override name = 'ContentError';
}

async function loadYamlFolder<S extends z.ZodType>(
  folder: string,
  schema: S,
): Promise<Array<{ file: string; data: z.output<S> }>> {
  const names = (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return Promise.all(
    names.map(async (name) => {
      const path = join(folder, name);
      const file = relative(projectRoot, path);
      let document: unknown;
      try {
        document = parse(await readFile(path, 'utf8'));
      } catch (error) {
        throw new ContentError(`${file}: not valid YAML: ${(error as Error).message}`);
      }
      const result = schema.safeParse(document);
      if (!result.success) {
        const problems = result.error.issues.map(
          (issue) => `  ${issue.path.join('.') || '(document)'}: ${issue.message}`,
        );
        throw new ContentError(`${file}: invalid content\n${problems.join('\n')}`);
      }
      return { file, data: result.data };
    }),
  );
}

export async function loadVenues(folder = join(contentRoot, 'venues')): Promise<Venue[]> {
  const entries = await loadYamlFolder(folder, venueSchema);
  for (const { file, data } of entries) {
    // The id is printed in QR codes; tying it to the file name keeps it from drifting on an edit.
    if (!file.endsWith(`/${data.id}.yaml`)) {
      throw new ContentError(`${file}: id: "${data.id}" must match the file name`);
    }
  }
  return entries.map(({ data }) => data);
}

export async function loadEditions(folder = join(contentRoot, 'editions')): Promise<Edition[]> {
  const entries = await loadYamlFolder(folder, editionSchema);
  const current = entries.filter(({ data }) => data.current);
  if (current.length !== 1) {
    const files = current.map(({ file }) => file).join(', ') || 'none';
    throw new ContentError(
      `${relative(projectRoot, folder)}: current: exactly one edition must be current (found ${files})`,
    );
  }
  return entries.map(({ data }) => data);
}

export function currentEdition(editions: Edition[]): Edition {
  const edition = editions.find(({ current }) => current);
  if (!edition) throw new ContentError('content/editions: current: no current edition');
  return edition;
}
