// The ledger's data: accounts, transfers and the events that create them (TigerBeetle's model).

/** What a caller sends to create an account. Balances and the timestamp are set by the ledger. */
export interface AccountInput {
  readonly id: bigint;
  readonly ledger: number;
  readonly code: number;
  readonly flags: number;
  readonly userData128: bigint;
  readonly userData64: bigint;
  readonly userData32: number;
}

/** An account as stored: its four balances are sums of the transfers that touched it. */
export interface Account extends AccountInput {
  readonly debitsPending: bigint;
  readonly debitsPosted: bigint;
  readonly creditsPending: bigint;
  readonly creditsPosted: bigint;
  /** Nanoseconds; unique across accounts and transfers, set when the account was created. */
  readonly timestamp: bigint;
}

/** What a caller sends to create a transfer. */
export interface TransferInput {
  readonly id: bigint;
  readonly debitAccountId: bigint;
  readonly creditAccountId: bigint;
  readonly amount: bigint;
  readonly pendingId: bigint;
  readonly userData128: bigint;
  readonly userData64: bigint;
  readonly userData32: number;
  /** Seconds after which a pending transfer expires; 0 means never. */
  readonly timeout: number;
  readonly ledger: number;
  readonly code: number;
  readonly flags: number;
}

/** A transfer as stored. Post and void transfers carry the accounts, ledger and code of their hold. */
export interface Transfer extends TransferInput {
  readonly timestamp: bigint;
}

export type PendingStatus = 'pending' | 'posted' | 'voided' | 'expired';

/** The state of a pending transfer (a hold): whether and when it was resolved. */
export interface PendingState {
  readonly status: PendingStatus;
  /** When the hold expires, in nanoseconds; 0n when it has no timeout. */
  readonly expiresAt: bigint;
  /** When it was posted, voided or expired; 0n while pending. */
  readonly resolvedAt: bigint;
}

/** Balances of an account after one transfer, kept for accounts with the `history` flag. */
export interface AccountBalance {
  readonly accountId: bigint;
  readonly timestamp: bigint;
  readonly debitsPending: bigint;
  readonly debitsPosted: bigint;
  readonly creditsPending: bigint;
  readonly creditsPosted: bigint;
}

/** Which transfers of an account a query returns; timestamps bound the range, both inclusive. */
export interface AccountFilter {
  readonly accountId: bigint;
  readonly timestampMin: bigint;
  readonly timestampMax: bigint;
  readonly limit: number;
  readonly debits: boolean;
  readonly credits: boolean;
  /** Newest first when true. */
  readonly reversed: boolean;
}

/** Fills in the optional fields of a transfer input with TigerBeetle's zero defaults. */
export function transferInput(fields: Partial<TransferInput> & Pick<TransferInput, 'id'>): TransferInput {
  // Built field by field, not by spreading, so that every transfer has the same object shape.
  return {
    id: fields.id,
    debitAccountId: fields.debitAccountId ?? 0n,
    creditAccountId: fields.creditAccountId ?? 0n,
    amount: fields.amount ?? 0n,
    pendingId: fields.pendingId ?? 0n,
    userData128: fields.userData128 ?? 0n,
    userData64: fields.userData64 ?? 0n,
    userData32: fields.userData32 ?? 0,
    timeout: fields.timeout ?? 0,
    ledger: fields.ledger ?? 0,
    code: fields.code ?? 0,
    flags: fields.flags ?? 0,
  };
}

/** Fills in the optional fields of an account input with zero defaults. */
export function accountInput(fields: Partial<AccountInput> & Pick<AccountInput, 'id'>): AccountInput {
  return {
    id: fields.id,
    ledger: fields.ledger ?? 0,
    code: fields.code ?? 0,
    flags: fields.flags ?? 0,
    userData128: fields.userData128 ?? 0n,
    userData64: fields.userData64 ?? 0n,
    userData32: fields.userData32 ?? 0,
  };
}

/**
 * The stored transfer of an event: its own fields, with the accounts, ledger and code it moves
 * money on (a post or void takes them from its hold), the amount moved and its timestamp. Built
 * field by field so that every transfer has the same object shape (the engine's hot path).
 */
export function transferRecord(
  input: TransferInput,
  on: { readonly debitAccountId: bigint; readonly creditAccountId: bigint; readonly ledger: number; readonly code: number },
  amount: bigint,
  timestamp: bigint,
): Transfer {
  return {
    id: input.id,
    debitAccountId: on.debitAccountId,
    creditAccountId: on.creditAccountId,
    amount,
    pendingId: input.pendingId,
    userData128: input.userData128,
    userData64: input.userData64,
    userData32: input.userData32,
    timeout: input.timeout,
    ledger: on.ledger,
    code: on.code,
    flags: input.flags,
    timestamp,
  };
}
