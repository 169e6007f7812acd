import { getEntry } from 'astro:content';
import type { Program } from '../../../content/schemas/program.ts';

/** The current edition's program, in program order, for pages and schedule exports alike. */
export async function loadSiteProgram(): Promise<Program> {
  const entry = await getEntry('program', 'current');
  if (!entry) throw new Error('content/program: the program collection is empty');
  const { rooms, tracks, speakers, sessions } = entry.data;
  return { rooms, tracks, speakers, sessions };
}
