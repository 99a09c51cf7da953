// The platform's own tables (everything that is not the ledger), as Kysely sees them. Ids are
// text, times are milliseconds since the Unix epoch, and money never lives here: it lives in the
// ledger, and these rows name ledger accounts and transfers by id.

export interface IdempotencyKeyTable {
  /** Who sent the request: keys of different callers never collide. */
  scope: string;
  key: string;
  /** Method, path and a hash of the body: a replay must ask for the same thing. */
  fingerprint: string;
  /** 'in_progress' while the first request runs, then 'completed'. */
  state: string;
  status_code: number | null;
  response_body: string | null;
  created_at: number;
}

/** Secrets the server makes once and keeps (the PIN key, …), unless configured. */
export interface ServerSecretTable {
  name: string;
  value: string;
  created_at: number;
}

export interface UserTable {
  /** 'usr_…' */
  id: string;
  phone: string | null;
  email: string | null;
  /** scrypt, with its parameters and salt (identity/passwords.ts). */
  password_hash: string;
  /** A keyed hash of the payment PIN (identity/pin.ts); null until the user sets one. */
  pin_hash: string | null;
  pin_failures: number;
  /** Milliseconds; payments are refused until then after too many wrong PINs. */
  pin_locked_until: number;
  /** 'unverified' or 'verified' (KYC). */
  kyc_tier: string;
  /** The name the identity check confirmed; null until verified. */
  legal_name: string | null;
  /** 'active' or 'frozen'. */
  status: string;
  /** The user's CNY balance account in the ledger (u128, decimal). */
  balance_account_id: string;
  created_at: number;
}

export interface SessionTable {
  /** SHA-256 of the session token: the token itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

/** Fixed-window counters for rate limits, shared by every server process. */
export interface RateLimitTable {
  key: string;
  window_start: number;
  count: number;
}

export interface CardTable {
  /** 'card_…' */
  id: string;
  user_id: string;
  /** The bank's token for the card; the number itself is never stored. */
  bank_token: string;
  brand: string;
  last4: string;
  created_at: number;
}

/** Money movements of a wallet, as its owner sees them; the ledger transfer holds the money. */
export interface WalletTransferTable {
  /** 'tr_…' (to another user) or 'tu_…' (top-up). */
  id: string;
  kind: string;
  user_id: string;
  counterparty_user_id: string | null;
  card_id: string | null;
  /** Minor units, decimal. */
  amount: string;
  currency: string;
  note: string | null;
  /** 'succeeded' or 'failed'. */
  status: string;
  failure_code: string | null;
  ledger_transfer_id: string | null;
  created_at: number;
}

export interface MerchantTable {
  /** 'mch_…' */
  id: string;
  name: string;
  /** 'active' or 'frozen'. */
  status: string;
  /** The merchant's CNY balance account in the ledger (u128, decimal). */
  balance_account_id: string;
  /** The merchant discount rate taken on money that reaches the merchant, in basis points (60 = 0.6%). */
  fee_rate_basis_points: number;
  /** Days after payment that a direct trade may be refunded. */
  refund_window_days: number;
  /** 'daily' (the balance paid out every day, T+1) or 'manual'. */
  payout_schedule: string;
  created_at: number;
}

export interface MerchantMemberTable {
  merchant_id: string;
  user_id: string;
  /** 'owner', 'admin', 'developer' or 'viewer'. */
  role: string;
  created_at: number;
}

export interface ApiKeyTable {
  /** 'key_…' */
  id: string;
  merchant_id: string;
  /** The start of the secret, to tell keys apart in lists. */
  prefix: string;
  /** SHA-256 of the secret: the secret is shown once and never stored. */
  secret_hash: string;
  /** Operations the key may call: a comma list, or '*' for all. */
  scopes: string;
  created_at: number;
  revoked_at: number | null;
}

export interface OperatorTable {
  /** 'op_…' */
  id: string;
  email: string;
  password_hash: string;
  /** 'support', 'risk', 'finance' or 'admin'. */
  role: string;
  created_at: number;
}

/** Amounts are minor units in decimal text; times are epoch milliseconds. */
export interface TradeTable {
  /** 'trd_…' */
  id: string;
  merchant_id: string;
  /** The merchant's own order number, unique per merchant. */
  out_trade_no: string;
  /** 'escrow' or 'direct'. */
  kind: string;
  subject: string;
  currency: string;
  total_amount: string;
  /** WAIT_BUYER_PAY, WAIT_SELLER_SEND_GOODS, WAIT_BUYER_CONFIRM_GOODS, TRADE_SUCCESS, TRADE_FINISHED, TRADE_CLOSED. */
  status: string;
  buyer_user_id: string | null;
  fee_rate_basis_points: number;
  /** Money of an escrow trade held toward the seller, not yet released. */
  held_amount: string;
  /** The ledger's pending transfer that holds it. */
  hold_transfer_id: string | null;
  released_amount: string;
  fee_amount: string;
  refunded_amount: string;
  pay_deadline: number;
  paid_at: number | null;
  shipped_at: number | null;
  carrier: string | null;
  tracking_number: string | null;
  confirm_deadline: number | null;
  /** 1 once the buyer has used their one extension. */
  buyer_extended: number;
  refund_deadline: number | null;
  ended_at: number | null;
  /** The buyer's refund request waiting for the seller's answer; while there is one the confirmation clock stops. */
  refund_request_id: string | null;
  /** A sandbox test clock whose simulated time the trade lives in; null for real time. */
  test_clock_id: string | null;
  /** Proceeds sent on to other merchants (split settlement). */
  split_amount: string;
  /** The gateway app that made the trade, and where the gateway notifies it of changes. */
  app_id: string | null;
  notify_url: string | null;
  /** null, or the state of the trade's dispute: 'open', 'answered', 'decided'. While open or answered, the money waits for an operator. */
  dispute_status: string | null;
  /** Raised by every change; a change names the version it read, so concurrent changes cannot both win. */
  version: number;
  /**
   * null, or the step that is moving the trade's money: its transfers and the record it will write
   * (JSON, trades/step-claims.ts). A claim raises the version, so no other step can start until it
   * is finished or let go.
   */
  step_claim: string | null;
  created_at: number;
}

export interface TradeItemTable {
  trade_id: string;
  position: number;
  name: string;
  amount: string;
  /** 'held', 'released' or 'refunded'. */
  status: string;
}

export interface TradeEventTable {
  /** 'tev_…', time-ordered. */
  id: string;
  trade_id: string;
  type: string;
  /** 'buyer', 'merchant', 'operator' or 'system'. */
  actor: string;
  actor_id: string | null;
  /** A merchant's step: the credential it came through, as `api_key:key_…`, `member:usr_…`, `app:<app id>` or `platform` (null before migration 0021). */
  actor_via: string | null;
  /** JSON. */
  data: string;
  created_at: number;
}

export interface TradeRefundTable {
  /** 'rfd_…' */
  id: string;
  trade_id: string;
  out_request_no: string;
  amount: string;
  from_hold: string;
  from_balance: string;
  fee_returned: string;
  reason: string | null;
  status: string;
  created_at: number;
}

export interface TradeDisputeTable {
  /** 'dsp_…' */
  id: string;
  trade_id: string;
  /** 'open', 'answered' or 'decided'. */
  status: string;
  reason: string;
  seller_statement: string | null;
  /** Minor units given back to the buyer by the decision. */
  refund_amount: string | null;
  decision_note: string | null;
  /** The operator who decided. */
  decided_by: string | null;
  opened_at: number;
  answered_at: number | null;
  decided_at: number | null;
}

/** The outbox: an event is written in the same unit as the change it describes. */
export interface EventTable {
  /** 'evt_…', time-ordered. */
  id: string;
  merchant_id: string;
  /** 'trade.paid', 'trade.refunded', … */
  type: string;
  object_id: string;
  /** JSON: the object after the change. */
  payload: string;
  /** 1 once deliveries were made for it (webhooks, gateway notifications). */
  fanned_out: number;
  created_at: number;
}

export interface WebhookEndpointTable {
  /** 'we_…' */
  id: string;
  merchant_id: string;
  url: string;
  /** 'whsec_…': the HMAC key of the endpoint's signatures (needed in the clear to sign). */
  secret: string;
  /** '*' or a comma list of event types. */
  event_types: string;
  /** 'enabled' or 'disabled'. */
  status: string;
  /** The last event in the outbox when the endpoint was made: it hears of the events after it. */
  events_after: string;
  created_at: number;
}

export interface WebhookDeliveryTable {
  /** 'whd_…', time-ordered. */
  id: string;
  /** The webhook endpoint; for a gateway notification, 'app:<app_id>'. */
  endpoint_id: string;
  /** 'webhook' (JSON, HMAC-signed, 2xx acknowledges) or 'alipay_notify' (form, RSA2-signed, "success" acknowledges). */
  channel: string;
  /** Where a gateway notification goes (the trade's notify_url); null for webhooks. */
  target_url: string | null;
  event_id: string;
  /** 'pending', 'succeeded' or 'failed' (every attempt used). */
  status: string;
  attempts: number;
  /** When the next attempt is due; while an attempt runs, the end of its lease. */
  next_attempt_at: number | null;
  last_attempt_at: number | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: number;
}

export interface WebhookAttemptTable {
  delivery_id: string;
  attempt: number;
  at: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

/** What an operator did (identity/operator-actions.ts): written with the change it records, never changed after. */
export interface OperatorActionTable {
  /** 'oac_…', time-ordered. */
  id: string;
  /** The operator's id, or `cli:<system user>@<host>` for the command line (commandLineActor). */
  operator_id: string;
  /** 'user.freeze', 'merchant.unfreeze', 'app.disable', …: operatorActionTypes. */
  action: string;
  /** OperatorActionTarget: 'user', 'merchant', 'app', 'dispute', 'webhook_delivery', 'operator', 'ledger_account', 'ledger_transfer'. */
  target_type: string;
  target_id: string;
  /** The user or merchant whose standing the action touched: the target itself, or an app's merchant; null for the other targets. */
  account_id: string | null;
  /** JSON: what the action said (a dispute's refund, the merchant an app belongs to, …). */
  details: string;
  created_at: number;
}

export interface MerchantAppTable {
  /** 16 digits, as Alipay's app ids. */
  app_id: string;
  merchant_id: string;
  name: string;
  /** The app's RSA public key (PEM, SPKI): requests are verified with it. */
  public_key: string;
  /** 'active' or 'disabled'. */
  status: string;
  created_at: number;
}

export interface PaymentCodeTable {
  /** SHA-256 of the code: the code is a bearer credential, kept only as a hash. */
  code_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface TradeSplitTable {
  /** 'spl_…' */
  id: string;
  trade_id: string;
  out_request_no: string;
  amount: string;
  /** JSON: [{trans_in, amount (fen, decimal), desc}]. */
  royalties: string;
  created_at: number;
}

export interface MerchantPayoutAccountTable {
  merchant_id: string;
  /** The bank connector's token for the account: the number itself is never kept. */
  bank_token: string;
  brand: string;
  last4: string;
  created_at: number;
}

export interface PayoutTable {
  /** 'po_…' */
  id: string;
  merchant_id: string;
  amount: string;
  /** 'pending' (held, the bank asked), 'paid' or 'failed' (the money went back to the balance). */
  status: string;
  failure_code: string | null;
  /** The ledger's pending transfer from the merchant's balance to the bank clearing account. */
  hold_transfer_id: string;
  /** The business day (yyyy-MM-dd, CST) of an automatic daily payout; null for manual ones. */
  automatic_for: string | null;
  created_at: number;
  settled_at: number | null;
}

export interface JobTable {
  name: string;
  /** When the job is next due. */
  due_at: number;
  /** The process running it, and until when its lease holds. */
  lease_owner: string | null;
  lease_until: number | null;
  runs: number;
  last_run_at: number | null;
  last_error: string | null;
}

export interface TestClockTable {
  /** 'clock_…' */
  id: string;
  /** The merchant that made it; null for an operator's. */
  merchant_id: string | null;
  name: string;
  /** The simulated time (epoch milliseconds): it moves only when advanced. */
  frozen_time: number;
  created_at: number;
}

export interface TradeRefundRequestTable {
  /** 'rrq_…' */
  id: string;
  trade_id: string;
  amount: string;
  reason: string;
  /** 'requested', 'accepted' (refunded) or 'declined'. */
  status: string;
  /** The seller's word when declining. */
  answer: string | null;
  created_at: number;
  answered_at: number | null;
}

/**
 * An amount a payment has reserved under its user's daily outflow limit, where several processes
 * write the database (PostgreSQL). Its id is the id of the record the payment writes: once that
 * record exists the reservation no longer counts; a payment that gave up deletes it; every one
 * lapses at `expires_at` and is pruned.
 */
export interface OutflowReservationTable {
  id: string;
  user_id: string;
  /** Minor units, decimal. */
  amount: string;
  expires_at: number;
}

export interface PlatformTables {
  idempotency_keys: IdempotencyKeyTable;
  server_secrets: ServerSecretTable;
  users: UserTable;
  sessions: SessionTable;
  rate_limits: RateLimitTable;
  cards: CardTable;
  wallet_transfers: WalletTransferTable;
  merchants: MerchantTable;
  merchant_members: MerchantMemberTable;
  api_keys: ApiKeyTable;
  operators: OperatorTable;
  trades: TradeTable;
  trade_items: TradeItemTable;
  trade_events: TradeEventTable;
  operator_actions: OperatorActionTable;
  trade_refunds: TradeRefundTable;
  trade_disputes: TradeDisputeTable;
  events: EventTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  merchant_apps: MerchantAppTable;
  payment_codes: PaymentCodeTable;
  trade_splits: TradeSplitTable;
  merchant_payout_accounts: MerchantPayoutAccountTable;
  payouts: PayoutTable;
  jobs: JobTable;
  test_clocks: TestClockTable;
  trade_refund_requests: TradeRefundRequestTable;
  outflow_reservations: OutflowReservationTable;
}

