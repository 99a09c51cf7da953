// The shapes of the merchant API's answers that only the dashboard reads (the shared ones, such as
// Trade and Refund, are in ../api/types.ts). Amounts are decimal strings with their currency.

import type { Balance } from '../api/types.js';

export type MemberRole = 'owner' | 'admin' | 'developer' | 'viewer';

/** A merchant the signed-in user belongs to (GET /v1/me/merchants). */
export interface Membership {
  readonly id: string;
  readonly object: 'merchant';
  readonly name: string;
  readonly status: string;
  readonly balance: Balance;
  readonly role: MemberRole;
  readonly joined_at: string;
  readonly created_at: string;
}

export interface DailyFigures {
  readonly date: string;
  readonly trades: number;
  readonly volume: string;
  readonly fees: string;
  readonly refunds: string;
  readonly currency: string;
}

export interface DailyReport {
  readonly object: 'daily_report';
  readonly currency: string;
  readonly data: DailyFigures[];
}

export interface Payout {
  readonly id: string;
  readonly object: 'payout';
  readonly amount: string;
  readonly currency: string;
  readonly status: string;
  readonly failure_code: string | null;
  readonly automatic_for: string | null;
  readonly created_at: string;
  readonly settled_at: string | null;
}

export interface ApiKey {
  readonly id: string;
  readonly object: 'api_key';
  readonly prefix: string;
  readonly scopes: string[];
  readonly status: string;
  readonly secret?: string;
  readonly created_at: string;
}

export interface GatewayApp {
  readonly app_id: string;
  readonly object: 'app';
  readonly name: string;
  readonly status: string;
  readonly app_public_key: string;
  readonly platform_public_key: string;
  readonly created_at: string;
}

export interface WebhookEndpoint {
  readonly id: string;
  readonly object: 'webhook_endpoint';
  readonly url: string;
  readonly events: string[];
  readonly status: string;
  readonly secret?: string;
  readonly created_at: string;
}

export interface DeliveryAttempt {
  readonly attempt: number;
  readonly at: string;
  readonly status_code: number | null;
  readonly error: string | null;
  readonly duration_ms: number;
}

export interface WebhookDelivery {
  readonly id: string;
  readonly object: 'webhook_delivery';
  readonly event: string;
  readonly event_type: string;
  readonly status: string;
  readonly attempts: number;
  readonly next_attempt_at: string | null;
  readonly attempts_log: DeliveryAttempt[];
}

export interface Member {
  readonly user: string;
  readonly role: MemberRole;
}

export interface PayoutAccount {
  readonly object: 'payout_account';
  readonly brand: string;
  readonly last4: string;
  readonly created_at: string;
}

export interface PayoutSettings {
  readonly object: 'payout_settings';
  readonly account: PayoutAccount | null;
  readonly schedule: string;
}
