import { getEntry } from 'astro:content';
import type { Program } from '../../../content/schemas/program.ts';
import { loadCurrentEdition } from './current-edition.ts';
import { type ProgramView, programView } from './program-view.ts';

/** The current edition's program, in program order, for pages and schedule exports alike. */
export async function loadSiteProgram(): Promise<Program> {
  const entry = await getEntry('program', 'current');
  if (!entry) throw new Error('content/program: the program collection is empty');
  const { rooms, tracks, speakers, sessions } = entry.data;
  return { rooms, tracks, speakers, sessions };
}

/** The program with its references resolved, in the current edition's time zone. */
export async function loadProgramView(): Promise<ProgramView> {
  const [program, edition] = await Promise.all([loadSiteProgram(), loadCurrentEdition()]);
  return programView(program, edition);
}
