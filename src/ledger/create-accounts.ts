// Account creation: validates one account event against the rules, in order of precedence.

import { accountInputFlagsMask, AccountFlags, hasFlag } from './flags.js';
import { u128Max, u16Max, u32Max, u64Max } from './limits.js';
import type { CreateAccountResult } from './result-codes.js';
import type { Account, AccountInput } from './types.js';
import type { Workspace } from './workspace.js';

export interface EngineOptions {
  /** Ledgers that exist (by number); when given, an account on any other ledger is refused. */
  readonly ledgers?: ReadonlySet<number>;
}

/** Creates one account in the workspace, or returns why it cannot be created. */
export function createAccount(workspace: Workspace, input: AccountInput, timestamp: bigint, options: EngineOptions): CreateAccountResult {
  const range = checkAccountRanges(input);
  if (range !== 'ok') return range;
  if ((input.flags & ~accountInputFlagsMask) !== 0) return 'reserved_flag';
  if (input.id === 0n) return 'id_must_not_be_zero';
  if (input.id === u128Max) return 'id_must_not_be_int_max';

  const existing = workspace.account(input.id);
  if (existing !== undefined) return compareExistingAccount(input, existing);

  if (hasFlag(input.flags, AccountFlags.debitsMustNotExceedCredits | AccountFlags.creditsMustNotExceedDebits)) {
    return 'flags_are_mutually_exclusive';
  }
  if (input.ledger === 0) return 'ledger_must_not_be_zero';
  if (options.ledgers !== undefined && !options.ledgers.has(input.ledger)) return 'ledger_not_found';
  if (input.code === 0) return 'code_must_not_be_zero';

  workspace.insertAccount({
    id: input.id,
    ledger: input.ledger,
    code: input.code,
    flags: input.flags,
    userData128: input.userData128,
    userData64: input.userData64,
    userData32: input.userData32,
    debitsPending: 0n,
    debitsPosted: 0n,
    creditsPending: 0n,
    creditsPosted: 0n,
    timestamp,
  });
  return 'ok';
}

function checkAccountRanges(input: AccountInput): CreateAccountResult {
  if (!isUint(input.id, u128Max)) return 'id_out_of_range';
  if (!isUint32(input.ledger)) return 'ledger_out_of_range';
  if (!isUint16(input.code)) return 'code_out_of_range';
  if (!isUint16(input.flags)) return 'flags_out_of_range';
  if (!isUint(input.userData128, u128Max) || !isUint(input.userData64, u64Max) || !isUint32(input.userData32)) {
    return 'user_data_out_of_range';
  }
  return 'ok';
}

function compareExistingAccount(input: AccountInput, existing: Account): CreateAccountResult {
  // The closed flag is the ledger's, not the caller's: it does not make a retry different.
  if (input.flags !== (existing.flags & ~AccountFlags.closed)) return 'exists_with_different_flags';
  if (input.userData128 !== existing.userData128) return 'exists_with_different_user_data_128';
  if (input.userData64 !== existing.userData64) return 'exists_with_different_user_data_64';
  if (input.userData32 !== existing.userData32) return 'exists_with_different_user_data_32';
  if (input.ledger !== existing.ledger) return 'exists_with_different_ledger';
  if (input.code !== existing.code) return 'exists_with_different_code';
  return 'exists';
}

export function isUint(value: bigint, max: bigint): boolean {
  return typeof value === 'bigint' && value >= 0n && value <= max;
}

export function isUint32(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= u32Max;
}

export function isUint16(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= u16Max;
}
