// The chart of accounts: what each ledger account code means, and the platform's own accounts.
// Ledgers are ISO 4217 numbers (156 = CNY). Consumer balances may not go below zero; the bank
// clearing account is the sandbox bank's side of every card payment, so it is in debit when
// customers have topped up.

export const cnyLedger = 156;

export const AccountCode = {
  consumerBalance: 1001,
  merchantBalance: 1002,
  bankClearing: 2001,
  platformFees: 3001,
} as const;

/** What the accounts of each code hold, in words (the operators' ledger overview). */
export const accountCodeNames: Readonly<Record<number, string>> = {
  [AccountCode.consumerBalance]: 'Consumer balances',
  [AccountCode.merchantBalance]: 'Merchant balances',
  [AccountCode.bankClearing]: 'Bank settlement (clearing: in debit by what customers hold)',
  [AccountCode.platformFees]: 'Platform fees earned',
};

/** The platform's own accounts have small fixed ids; user accounts get time-ordered u128 ids. */
export const SystemAccount = {
  bankClearingCny: 1n,
  /** The merchant discount fees the platform has earned. */
  platformFeesCny: 2n,
} as const;

/** Transfer codes: why money moved. */
export const TransferCode = {
  topUp: 1,
  peerToPeer: 2,
  withdrawal: 3,
  /** A buyer's payment held toward the seller of an escrow trade (a pending transfer). */
  tradeHold: 10,
  /** Money of a trade reaching the merchant: a direct payment, or a released hold. */
  tradePayment: 11,
  /** The merchant discount fee, from the merchant to the platform. */
  merchantFee: 12,
  /** A refund from the merchant's balance to the buyer. */
  tradeRefund: 13,
  /** The part of a fee given back with a refund. */
  feeReturn: 14,
  /** Proceeds of a trade sent on to another merchant (split settlement). */
  tradeSplit: 15,
  /** A merchant's balance paid out to its bank account (held, then posted or voided). */
  payout: 16,
  /**
   * A fence: 1 fen held from bank clearing toward the fee account and voided at once, under the id
   * of a trade step's chain that must never move (its step's claim was let go; trades/trade-steps.ts).
   */
  stepFence: 17,
} as const;
