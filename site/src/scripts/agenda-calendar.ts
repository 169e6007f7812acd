/** A content line goes on in the next physical line when that starts with a space or tab (RFC 5545 §3.1). */
const unfold = (line: string) => line.replace(/\r?\n[ \t]/g, '');

/**
 * The calendar with only the events whose UID is wanted; everything outside events (the calendar's
 * own properties, its VTIMEZONE) stays. Lines keep their folding, so nothing needs folding again.
 */
export function calendarWith(ics: string, uids: ReadonlySet<string>): string {
  const kept: string[] = [];
  let event: string[] | undefined;
  for (const line of ics.split(/\r?\n(?![ \t])/)) {
    const content = unfold(line);
    if (content === 'BEGIN:VEVENT') event = [];
    if (!event) {
      kept.push(line);
      continue;
    }
    event.push(line);
    if (content === 'END:VEVENT') {
      const uid = event.map(unfold).find((each) => each.startsWith('UID:'));
      if (uid && uids.has(uid.slice(4))) kept.push(...event);
      event = undefined;
    }
  }
  return kept.join('\r\n');
}
