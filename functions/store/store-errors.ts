/**
 * The errors a store port may throw. Adapters translate their database's own errors into these, so
 * the domain and the HTTP layer never learn which database sits behind a port.
 */

export type ConflictReason =
  | 'email_taken'
  | 'code_taken'
  | 'seats_changed'
  | 'state_changed'
  | 'not_found'
  /** A message was already queued under this key (queueOnce). */
  | 'already_queued';

/** A condition in the transaction did not hold: nothing was written. */
export class RegistrationConflict extends Error {
  override name = 'RegistrationConflict';
  readonly reason: ConflictReason;
  constructor(reason: ConflictReason) {
    super(`registration conflict: ${reason}`);
    this.reason = reason;
  }
}

/** Why a change of a resident's service request was refused: nothing was written. */
export type AffairsConflictReason =
  /** The request is not in the state the change expected (another staff member moved it first). */
  'state_changed' | 'not_found';

export class ResidentAffairsConflict extends Error {
  override name = 'ResidentAffairsConflict';
  readonly reason: AffairsConflictReason;
  constructor(reason: AffairsConflictReason) {
    super(`resident affairs conflict: ${reason}`);
    this.reason = reason;
  }
}

/** The store could not be reached or asked us to back off: worth a retry (503), not a bug. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** Another transaction touched the same items at the same moment: trying again may succeed. */
export class TransactionBusyError extends StoreUnavailableError {
  override name = 'TransactionBusyError';
}

/** A page cursor the store never gave out (forged, damaged or from another query). */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
  constructor() {
    super('the cursor is not one this API gave out');
  }
}
