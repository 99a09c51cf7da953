// Bit flags of accounts and transfers, with TigerBeetle's bit positions.

export const AccountFlags = {
  linked: 1 << 0,
  debitsMustNotExceedCredits: 1 << 1,
  creditsMustNotExceedDebits: 1 << 2,
  history: 1 << 3,
  /** Set by a pending closing transfer, cleared when it is voided or expires; never by the caller. */
  closed: 1 << 5,
} as const;

/** Flags a caller may set when creating an account; every other bit is reserved. */
export const accountInputFlagsMask =
  AccountFlags.linked | AccountFlags.debitsMustNotExceedCredits | AccountFlags.creditsMustNotExceedDebits | AccountFlags.history;

export const TransferFlags = {
  linked: 1 << 0,
  pending: 1 << 1,
  postPendingTransfer: 1 << 2,
  voidPendingTransfer: 1 << 3,
  balancingDebit: 1 << 4,
  balancingCredit: 1 << 5,
  closingDebit: 1 << 6,
  closingCredit: 1 << 7,
} as const;

export const transferFlagsMask = Object.values(TransferFlags).reduce((mask, bit) => mask | bit, 0);

export type AccountFlagName = keyof typeof AccountFlags;
export type TransferFlagName = keyof typeof TransferFlags;

/** True when every bit of `bit` is set in `flags`. */
export function hasFlag(flags: number, bit: number): boolean {
  return (flags & bit) === bit;
}

/** Flags as a number from their names, e.g. `transferFlags('pending', 'linked')`. */
export function transferFlags(...names: readonly TransferFlagName[]): number {
  return names.reduce((flags, name) => flags | TransferFlags[name], 0);
}

export function accountFlags(...names: readonly AccountFlagName[]): number {
  return names.reduce((flags, name) => flags | AccountFlags[name], 0);
}

/** Names of the set flags, for display. */
export function flagNames(flags: number, table: Readonly<Record<string, number>>): string[] {
  return Object.entries(table)
    .filter(([, bit]) => hasFlag(flags, bit))
    .map(([name]) => name);
}
