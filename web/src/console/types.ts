// The shapes of the operator API the console reads (see /openapi.json, tag "operator"). Amounts
// are decimal strings with their currency beside them, shown as they come.

import type { Balance, Dispute, Trade, TradeEvent, User } from '../api/types.js';

export type OperatorRole = 'support' | 'risk' | 'finance' | 'admin';

export interface Operator {
  readonly id: string;
  readonly email: string;
  readonly role: OperatorRole;
  /** What the role may do, as the API decides it. */
  readonly permissions: readonly string[];
}

export interface OperatorSignIn {
  readonly object: 'operator_session';
  /** Left out for the console, whose session is its HttpOnly cookie only. */
  readonly token?: string;
  readonly expires_at: string;
  readonly operator: Operator;
}

export interface UserDetail extends User {
  readonly balance: Balance;
}

export interface ConsoleMerchant {
  readonly id: string;
  readonly object: 'merchant';
  readonly name: string;
  readonly status: string;
  readonly balance: Balance;
  readonly created_at: string;
}

export interface ConsoleApp {
  readonly app_id: string;
  readonly name: string;
  readonly status: 'active' | 'disabled';
  readonly created_at: string;
}

export interface MerchantDetail extends ConsoleMerchant {
  readonly members: readonly { readonly user: string; readonly role: string }[];
  readonly apps: readonly ConsoleApp[];
}

export interface LedgerBalances {
  readonly currency: string | null;
  readonly debits_posted: string;
  readonly credits_posted: string;
  readonly debits_pending: string;
  readonly credits_pending: string;
  readonly balance: string;
}

export interface AccountCodeTotals extends LedgerBalances {
  readonly ledger: number;
  readonly code: number;
  readonly name: string | null;
  readonly accounts: number;
}

export interface LedgerOverview {
  readonly object: 'ledger_overview';
  readonly account_codes: readonly AccountCodeTotals[];
  readonly check: {
    readonly ok: boolean;
    readonly checked_at: string;
    readonly accounts: number;
    readonly transfers: number;
    readonly ledgers: readonly (LedgerBalances & { readonly ledger: number; readonly accounts: number })[];
    readonly failure_count: number;
    readonly failures: readonly { readonly rule: string; readonly message: string }[];
  };
}

export interface Job {
  readonly name: string;
  readonly object: 'job';
  readonly runs: number;
  readonly last_run_at: string | null;
  readonly next_due_at: string;
  readonly lease: { readonly owner: string; readonly expires_at: string; readonly live: boolean } | null;
  readonly last_error: string | null;
}

/** A line of the operators' action log. */
export interface OperatorAction {
  readonly id: string;
  readonly object: 'operator_action';
  readonly operator: string;
  readonly operator_email: string | null;
  readonly action: string;
  readonly target: { readonly type: string; readonly id: string };
  readonly details: Record<string, unknown>;
  readonly created_at: string;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface Delivery {
  readonly id: string;
  readonly object: 'webhook_delivery';
  readonly merchant: string;
  readonly channel: string;
  readonly event: string;
  readonly event_type: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly next_attempt_at: string | null;
  readonly last_attempt_at: string | null;
  readonly last_status_code: number | null;
  readonly last_error: string | null;
  readonly url: string | null;
  readonly created_at: string;
}

/** A trade as operators see it: with its merchant's name, its timeline and its dispute. */
export interface OperatorTrade extends Omit<Trade, 'merchant_name'> {
  readonly merchant_name: string | null;
  readonly events: readonly TradeEvent[];
  readonly dispute: Dispute | null;
}

export interface AdvancedClock {
  readonly id: string;
  readonly frozen_time: string;
  readonly trades_moved: number;
}
