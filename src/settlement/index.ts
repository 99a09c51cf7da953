// The settlement module's public surface: payouts to merchants' bank accounts, and daily bills.

export { PayoutService, payoutHoldSeconds, payoutReconcileAfterMilliseconds } from './payouts.js';
export type { PayoutFailure, PayoutMerchant, PayoutOutcomeOf } from './payouts.js';
export { billLineTypes, BillService, businessDayOf, businessDayRange } from './bills.js';
export type { BillLine, BillLineType, DailyBill } from './bills.js';
export { BillLinks, billLinkLifetimeMilliseconds } from './bill-links.js';
