import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeContent } from '../../content/import/staged-content.ts';
import { treeHashes } from '../support/tree-hashes.ts';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'staged-content-test-'));
  await mkdir(join(root, 'program', 'sessions'), { recursive: true });
  await writeFile(join(root, 'rooms.yaml'), '- id: main-hall\n');
  await writeFile(join(root, 'tracks.yaml'), '- id: ai\n');
  await writeFile(join(root, 'program', 'sessions', '2027-11-17.yaml'), '- id: opening\n');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Adds a file, changes one, removes one and leaves one alone. */
async function editStaged(stagedRoot: string): Promise<void> {
  await writeFile(join(stagedRoot, 'program', 'sessions', '2027-11-18.yaml'), '- id: closing\n');
  await writeFile(join(stagedRoot, 'rooms.yaml'), '- id: forum-hall\n');
  await rm(join(stagedRoot, 'program', 'sessions', '2027-11-17.yaml'));
}

const passes = async () => {};

describe('changeContent', () => {
  it('moves the added and changed files into place, removes the removed ones and reports each', async () => {
    const changes = await changeContent(root, editStaged, passes);
    expect(changes).toEqual({
      added: [join('program', 'sessions', '2027-11-18.yaml')],
      changed: ['rooms.yaml'],
      removed: [join('program', 'sessions', '2027-11-17.yaml')],
    });
    expect(await readFile(join(root, 'rooms.yaml'), 'utf8')).toBe('- id: forum-hall\n');
    expect(Object.keys(await treeHashes(root))).toEqual([
      join('program', 'sessions', '2027-11-18.yaml'),
      'rooms.yaml',
      'tracks.yaml',
    ]);
  });

  it('checks the staged copy with the change in it, never the tree itself', async () => {
    let checked = '';
    await changeContent(root, editStaged, async (stagedRoot) => {
      expect(stagedRoot).not.toBe(root);
      checked = await readFile(join(stagedRoot, 'rooms.yaml'), 'utf8');
      expect(await readFile(join(root, 'rooms.yaml'), 'utf8')).toBe('- id: main-hall\n');
    });
    expect(checked).toBe('- id: forum-hall\n');
  });

  it('leaves the tree byte for byte as it was when the check fails, and removes the staged copy', async () => {
    const before = await treeHashes(root);
    let staged = '';
    const failing = async (stagedRoot: string) => {
      staged = stagedRoot;
      throw new Error('the program does not add up');
    };
    await expect(changeContent(root, editStaged, failing)).rejects.toThrow('the program does not add up');
    expect(await treeHashes(root)).toEqual(before);
    await expect(access(staged)).rejects.toThrow();
  });

  it('leaves the tree as it was when the change itself fails halfway', async () => {
    const before = await treeHashes(root);
    const halfway = async (stagedRoot: string) => {
      await writeFile(join(stagedRoot, 'rooms.yaml'), 'half written');
      throw new Error('not a schedule');
    };
    await expect(changeContent(root, halfway, passes)).rejects.toThrow('not a schedule');
    expect(await treeHashes(root)).toEqual(before);
  });

  it('writes nothing on a dry run but reports what would change', async () => {
    const before = await treeHashes(root);
    const changes = await changeContent(root, editStaged, passes, { dryRun: true });
    expect(changes.added).toHaveLength(1);
    expect(changes.changed).toEqual(['rooms.yaml']);
    expect(changes.removed).toHaveLength(1);
    expect(await treeHashes(root)).toEqual(before);
  });

  it('reports no change when the staged files come out byte for byte the same', async () => {
    const rewriteSame = async (stagedRoot: string) => {
      await writeFile(join(stagedRoot, 'rooms.yaml'), '- id: main-hall\n');
    };
    expect(await changeContent(root, rewriteSame, passes)).toEqual({ added: [], changed: [], removed: [] });
  });
});
