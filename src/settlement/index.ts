// The settlement module's public surface: payouts to merchants' bank accounts, daily bills, and
// the daily figures of merchants' dashboards.

export { PayoutService, payoutHoldSeconds, payoutReconcileAfterMilliseconds } from './payouts.js';
export type { PayoutFailure, PayoutMerchant, PayoutOutcomeOf } from './payouts.js';
export { billLineTypes, BillService, businessDayOf, businessDayRange } from './bills.js';
export type { BillLine, BillLineType, DailyBill } from './bills.js';
export { BillLinks, billLinkLifetimeMilliseconds } from './bill-links.js';
export { DailyReports, reportDaysMax } from './daily-report.js';
export type { DailyFigures } from './daily-report.js';
