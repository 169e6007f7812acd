export type ConflictReason = 'email_taken' | 'code_taken' | 'seats_changed' | 'state_changed' | 'not_found';

/** A condition in the transaction did not hold: nothing was written. */
export class RegistrationConflict extends Error {
  override name = 'RegistrationConflict';
  readonly reason: ConflictReason;
  constructor(reason: ConflictReason) {
    super(`registration conflict: ${reason}`);
    this.reason = reason;
  }
}

/** Another transaction touched the same items at the same moment: trying again may succeed. */
export class TransactionBusyError extends Error {
  override name = 'TransactionBusyError';
}
