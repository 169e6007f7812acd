import { monotonicFactory } from 'ulid';

/** ULIDs sort by creation time, which keeps waiting lists and outboxes in order. */
export const newId: () => string = monotonicFactory();
