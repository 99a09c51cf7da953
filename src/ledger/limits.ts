// Limits of the ledger engine: every input is checked against these before it can change state.

/** The largest value of a u128 field (ids, amounts, balances): 2^128 − 1. */
export const u128Max = (1n << 128n) - 1n;
/** The largest value of a u64 field (user_data_64, timestamps). */
export const u64Max = (1n << 64n) - 1n;
/** The largest value of a u32 field (user_data_32, ledger, timeout). */
export const u32Max = 0xffff_ffff;
/** The largest value of a u16 field (code, flags). */
export const u16Max = 0xffff;

/** Events in one request, as TigerBeetle: 1 MiB of 128-byte records less the header. */
export const batchEventsMax = 8190;
/** Rows a lookup or a page of a query returns at most. */
export const queryLimitMax = 8190;
/** Pending transfers expired in one commit at most, so that expiry never starves callers. */
export const expiryBatchMax = 8190;

/** A pending transfer's timeout is given in seconds; timestamps are in nanoseconds. */
export const nanosecondsPerSecond = 1_000_000_000n;

/** Posting this amount posts the whole pending amount (TigerBeetle's AMOUNT_MAX convention). */
export const amountMax = u128Max;
