import { encodeTime, monotonicFactory } from 'ulid';

/** ULIDs sort by creation time, which keeps waiting lists and outboxes in order. */
export const newId: () => string = monotonicFactory();

/** The part of a ULID that says when: every id made before `time` sorts below it. */
export const idTimePrefix = (time: Date): string => encodeTime(time.getTime(), 10);
