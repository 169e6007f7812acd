import { getCollection } from 'astro:content';
import { inProgramOrder } from '../../../content/program.ts';
import type { Program } from '../../../content/schemas/program.ts';

/**
 * The program as the content collections hold it, sessions in program order, for pages and
 * schedule exports alike.
 */
export async function loadSiteProgram(): Promise<Program> {
  const [rooms, tracks, speakers, sessions] = await Promise.all([
    getCollection('rooms'),
    getCollection('tracks'),
    getCollection('speakers'),
    getCollection('sessions'),
  ]);
  const data = <T>(entries: Array<{ data: T }>) => entries.map(({ data }) => data);
  return {
    rooms: data(rooms),
    tracks: data(tracks),
    speakers: data(speakers),
    sessions: inProgramOrder(data(sessions), data(rooms)),
  };
}
