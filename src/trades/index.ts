// The trades module's public surface.

export { autoConfirmDays, buyerExtensionDays, sellerExtensionDays, tradeItemsMax, TradeService } from './trade-service.js';
export type { TradeFilters } from './trade-service.js';
export { actedByOf, decodeVia, feeOf, tradeIdOf, tradeKinds, tradeNumber, tradeStatuses, TradeSteps } from './trade-steps.js';
export type { ActedVia, Actor, MerchantActor, NewTrade, TradeFailure, TradeKind, TradeMerchant, TradeOutcome, TradeStatus } from './trade-steps.js';
export { payDeadline, timeoutExpressDefault } from './timeout-express.js';
export { DisputeService, disputeListMax, disputeReasonLengthMax } from './disputes.js';
export { publicTrade } from './public-trade.js';
export type { PublicTrade } from './public-trade.js';
export { SplitService, splitReceiversMax } from './splits.js';
export type { Royalty } from './splits.js';
export { TestClockService, testClockAdvanceMaxMilliseconds, testClocksPerOwnerMax } from './test-clocks.js';
export type { TestClockFailure, TestClockOutcome } from './test-clocks.js';
export { declineGraceMilliseconds, RefundRequestService } from './refund-requests.js';
