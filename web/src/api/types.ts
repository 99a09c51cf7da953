// The shapes the API answers with (see /openapi.json). Amounts are decimal strings with their
// currency beside them; the app shows them as they come and never does arithmetic on floats.

export interface Balance {
  readonly available: string;
  readonly pending: string;
  readonly currency: string;
}

export interface User {
  readonly id: string;
  readonly object: 'user';
  readonly phone: string | null;
  readonly email: string | null;
  readonly kyc_tier: string;
  readonly status: string;
  readonly pin_set: boolean;
  readonly created_at: string;
}

export interface Me extends User {
  readonly balance: Balance;
}

export interface Session {
  readonly object: 'session';
  readonly token: string;
  readonly expires_at: string;
  readonly user: User;
}

export interface Card {
  readonly id: string;
  readonly object: 'card';
  readonly brand: string;
  readonly last4: string;
  readonly created_at: string;
}

export interface Movement {
  readonly id: string;
  readonly object: 'transfer' | 'top_up' | 'withdrawal';
  readonly amount: string;
  readonly currency: string;
  readonly status: string;
  readonly failure_code: string | null;
  readonly counterparty: string | null;
  readonly card: string | null;
  readonly note: string | null;
  readonly created_at: string;
}

export type TransactionType = 'top_up' | 'withdrawal' | 'transfer_in' | 'transfer_out' | 'trade_payment' | 'trade_refund';

/** The trade of a trade payment or refund, and whom it was with. */
export interface TransactionTrade {
  readonly id: string;
  readonly subject: string;
  readonly merchant_name: string;
}

export interface Transaction extends Omit<Movement, 'object'> {
  readonly object: 'transaction';
  readonly type: TransactionType;
  /** Set for trade_payment and trade_refund (whose `counterparty` is the merchant), null otherwise. */
  readonly trade: TransactionTrade | null;
}

export interface Payee {
  readonly object: 'payee';
  readonly id: string;
  readonly display: string;
  readonly verified: boolean;
}

export interface TradeItem {
  readonly position: number;
  readonly name: string;
  readonly amount: string;
  readonly status: string;
}

export type TradeStatus = 'WAIT_BUYER_PAY' | 'WAIT_SELLER_SEND_GOODS' | 'WAIT_BUYER_CONFIRM_GOODS' | 'TRADE_SUCCESS' | 'TRADE_FINISHED' | 'TRADE_CLOSED';

export interface Trade {
  readonly id: string;
  readonly object: 'trade';
  readonly kind: 'escrow' | 'direct';
  readonly merchant: string;
  readonly merchant_name?: string;
  readonly out_trade_no: string;
  readonly subject: string;
  readonly amount: string;
  readonly currency: string;
  readonly status: TradeStatus;
  readonly buyer: string | null;
  readonly held_amount: string;
  readonly released_amount: string;
  readonly fee_amount: string;
  readonly refunded_amount: string;
  readonly dispute_status: string | null;
  readonly test_clock: string | null;
  readonly pay_deadline: string;
  readonly paid_at: string | null;
  readonly shipping: { readonly carrier: string; readonly tracking_number: string; readonly shipped_at: string } | null;
  readonly confirm_deadline: string | null;
  readonly refund_deadline: string | null;
  readonly items: TradeItem[];
  readonly created_at: string;
}

/** Who acted for the merchant (or, to operators, which operator); null when not known or not the merchant's step. */
export interface ActedBy {
  readonly type: 'api_key' | 'member' | 'app' | 'platform' | 'operator';
  readonly id: string | null;
  /** The key's prefix, the member's or operator's email or phone, the app's name. */
  readonly label: string | null;
}

export interface TradeEvent {
  readonly id: string;
  readonly type: string;
  readonly actor: string;
  /** Only to the merchant and operators. */
  readonly acted_by?: ActedBy | null;
  /** What the step was; its amounts are decimal strings ("268.00") with `currency` beside them. */
  readonly data: Record<string, unknown>;
  readonly created_at: string;
}

export interface Refund {
  readonly id: string;
  readonly object: 'refund';
  readonly trade: string;
  readonly out_request_no: string;
  readonly amount: string;
  readonly from_hold: string;
  readonly from_balance: string;
  readonly fee_returned: string;
  readonly reason: string | null;
  readonly status: string;
  readonly created_at: string;
}

export interface Dispute {
  readonly id: string;
  readonly object: 'dispute';
  readonly trade: string;
  readonly status: 'open' | 'answered' | 'decided';
  readonly reason: string;
  readonly seller_statement: string | null;
  readonly refund_amount: string | null;
  readonly decision_note: string | null;
  readonly decided_by: string | null;
  readonly opened_at: string;
  readonly answered_at: string | null;
  readonly decided_at: string | null;
}

export interface RefundRequest {
  readonly id: string;
  readonly object: 'refund_request';
  readonly trade: string;
  readonly amount: string;
  readonly reason: string;
  readonly status: string;
  readonly answer: string | null;
  readonly created_at: string;
  readonly answered_at: string | null;
}

export interface PaymentCode {
  readonly object: 'payment_code';
  readonly code: string;
  readonly expires_at: string;
}

export interface TestClock {
  readonly id: string;
  readonly object: 'test_clock';
  readonly name: string;
  readonly frozen_time: string;
  readonly merchant: string | null;
  readonly created_at: string;
}
