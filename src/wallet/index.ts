// The wallet module's public surface.

export { availableBalance, WalletService } from './wallet-service.js';
export type { Balance, RequestKey, WalletFailure, WalletOutcome, WalletUser } from './wallet-service.js';
export { dayStart, defaultWalletLimits, tradePayWindowMaxMilliseconds } from './limits.js';
export type { KycTier, TierLimits, WalletLimits } from './limits.js';
export { AccountCode, accountCodeNames, cnyLedger, SystemAccount, TransferCode } from './chart.js';
export { LedgerOverview, ledgerCheckMaxAgeMilliseconds } from './ledger-overview.js';
export type { AccountCodeTotals, LedgerCheck } from './ledger-overview.js';
export { toTransaction, transactionKinds, TransactionList, walletTransactionKinds } from './transactions.js';
export type { TradeLabel, Transaction, TransactionKind, TransactionOwner, TransactionPage, TransactionQuery } from './transactions.js';
export { tradeMovementKinds } from './trade-movements.js';
export type { TradeMovementKind } from './trade-movements.js';
export { buildStatement, monthBounds } from './statement.js';
export { PaymentCodes, paymentCodeAmountMax, paymentCodeLifetimeMilliseconds } from './payment-codes.js';
