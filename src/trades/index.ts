// The trades module's public surface.

export { autoConfirmDays, buyerExtensionDays, feeOf, sellerExtensionDays, tradeItemsMax, TradeService } from './trade-service.js';
export type { Actor, NewTrade, TradeFailure, TradeKind, TradeMerchant, TradeOutcome, TradeStatus } from './trade-service.js';
export { payDeadline, timeoutExpressDefault } from './timeout-express.js';
