import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

/** What an import changed, as paths relative to the content root. */
export interface ContentChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

async function filesUnder(root: string, folder = root): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(folder, entry.name);
      return entry.isDirectory() ? filesUnder(root, path) : [relative(root, path)];
    }),
  );
  return nested.flat().sort();
}

async function differences(before: string, after: string): Promise<ContentChanges> {
  const [old, staged] = await Promise.all([filesUnder(before), filesUnder(after)]);
  const oldSet = new Set(old);
  const stagedSet = new Set(staged);
  const changed: string[] = [];
  for (const file of staged.filter((path) => oldSet.has(path))) {
    const [a, b] = await Promise.all([readFile(join(before, file)), readFile(join(after, file))]);
    if (!a.equals(b)) changed.push(file);
  }
  return {
    added: staged.filter((path) => !oldSet.has(path)),
    changed,
    removed: old.filter((path) => !stagedSet.has(path)),
  };
}

/**
 * Changes the content tree all or nothing: `change` edits a copy of it, `check` loads that copy as
 * the site and the seed would (throwing on any problem), and only then are the files that differ
 * moved into place, each by a rename, so a bad file or a failed check leaves `root` byte for byte as
 * it was. With `dryRun` nothing is moved; the changes are returned either way.
 */
export async function changeContent(
  root: string,
  change: (stagedRoot: string) => Promise<void>,
  check: (stagedRoot: string) => Promise<void>,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<ContentChanges> {
  const staging = await mkdtemp(join(tmpdir(), 'content-import-'));
  const stagedRoot = join(staging, 'content');
  try {
    await cp(root, stagedRoot, { recursive: true });
    await change(stagedRoot);
    await check(stagedRoot);
    const changes = await differences(root, stagedRoot);
    if (!dryRun) {
      for (const file of [...changes.added, ...changes.changed]) {
        const target = join(root, file);
        await mkdir(dirname(target), { recursive: true });
        // Written beside its target first, so the rename stays on one file system.
        const beside = `${target}.import-${process.pid}`;
        await writeFile(beside, await readFile(join(stagedRoot, file)));
        await rename(beside, target);
      }
      for (const file of changes.removed) await unlink(join(root, file));
    }
    return changes;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
