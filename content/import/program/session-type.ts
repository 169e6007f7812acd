import { type SessionType, sessionTypes } from '../../schemas/program.ts';

/**
 * The portal's session type for an export's type name, and the export's own name when it says
 * more than the type: "Talk" → talk; "Lightning talk" → talk, "Lightning talk"; "Panel
 * discussion" → panel, "Panel discussion"; "Meetup" → talk, "Meetup" (a talk is what the program
 * pages assume of a session they know nothing more about).
 */
export function portalSessionType(name: string | undefined): { type: SessionType; typeName?: string } {
  const trimmed = name?.trim() ?? '';
  if (!trimmed) return { type: 'talk' };
  const words = trimmed.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  const type = sessionTypes.find((candidate) => words.includes(candidate) || words.includes(`${candidate}s`));
  if (type && words.filter(Boolean).length === 1) return { type };
  return { type: type ?? 'talk', typeName: trimmed };
}
