// The platform tables' migrations, applied in order on start by Kysely's migrator (which records
// them, and takes a lock so that servers starting together migrate once). Written with Kysely's
// schema builder so that one list serves SQLite and PostgreSQL.

import { PostgresAdapter, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { eventAmountsMigration } from './event-amounts-migration.js';

export const platformMigrations: Record<string, Migration> = {
  '0001_idempotency_keys': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('scope', 'text', (column) => column.notNull())
        .addColumn('key', 'text', (column) => column.notNull())
        .addColumn('fingerprint', 'text', (column) => column.notNull())
        .addColumn('state', 'text', (column) => column.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('response_body', 'text')
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
        .execute();
      await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('idempotency_keys').execute();
    },
  },
};

platformMigrations['0002_identity'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('server_secrets')
      .addColumn('name', 'text', (column) => column.primaryKey())
      .addColumn('value', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('phone', 'text', (column) => column.unique())
      .addColumn('email', 'text', (column) => column.unique())
      .addColumn('password_hash', 'text', (column) => column.notNull())
      .addColumn('pin_hash', 'text')
      .addColumn('pin_failures', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('pin_locked_until', 'bigint', (column) => column.notNull().defaultTo(0))
      .addColumn('kyc_tier', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('balance_account_id', 'text', (column) => column.notNull().unique())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (column) => column.primaryKey())
      .addColumn('user_id', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('expires_at', 'bigint', (column) => column.notNull())
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (column) => column.primaryKey())
      .addColumn('window_start', 'bigint', (column) => column.notNull())
      .addColumn('count', 'integer', (column) => column.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['rate_limits', 'sessions', 'users', 'server_secrets']) await db.schema.dropTable(table).execute();
  },
};

platformMigrations['0003_wallet'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('cards')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('user_id', 'text', (column) => column.notNull())
      .addColumn('bank_token', 'text', (column) => column.notNull())
      .addColumn('brand', 'text', (column) => column.notNull())
      .addColumn('last4', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('cards_user').on('cards').column('user_id').execute();
    await db.schema
      .createTable('wallet_transfers')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('user_id', 'text', (column) => column.notNull())
      .addColumn('counterparty_user_id', 'text')
      .addColumn('card_id', 'text')
      .addColumn('amount', 'text', (column) => column.notNull())
      .addColumn('currency', 'text', (column) => column.notNull())
      .addColumn('note', 'text')
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('failure_code', 'text')
      .addColumn('ledger_transfer_id', 'text')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('wallet_transfers_user').on('wallet_transfers').columns(['user_id', 'created_at']).execute();
    await db.schema.createIndex('wallet_transfers_counterparty').on('wallet_transfers').columns(['counterparty_user_id', 'created_at']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('wallet_transfers').execute();
    await db.schema.dropTable('cards').execute();
  },
};

platformMigrations['0004_user_legal_name'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('users').addColumn('legal_name', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('users').dropColumn('legal_name').execute();
  },
};

platformMigrations['0005_merchants_operators'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('merchants')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('balance_account_id', 'text', (column) => column.notNull().unique())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('merchant_members')
      .addColumn('merchant_id', 'text', (column) => column.notNull())
      .addColumn('user_id', 'text', (column) => column.notNull())
      .addColumn('role', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addPrimaryKeyConstraint('merchant_members_pk', ['merchant_id', 'user_id'])
      .execute();
    await db.schema.createIndex('merchant_members_user').on('merchant_members').column('user_id').execute();
    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('merchant_id', 'text', (column) => column.notNull())
      .addColumn('prefix', 'text', (column) => column.notNull())
      .addColumn('secret_hash', 'text', (column) => column.notNull().unique())
      .addColumn('scopes', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('api_keys_merchant').on('api_keys').column('merchant_id').execute();
    await db.schema
      .createTable('operators')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('email', 'text', (column) => column.notNull().unique())
      .addColumn('password_hash', 'text', (column) => column.notNull())
      .addColumn('role', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['operators', 'api_keys', 'merchant_members', 'merchants']) await db.schema.dropTable(table).execute();
  },
};

// The daily outflow check on every payment reads a user's movements of the day; an index that
// holds every column it reads answers it without visiting the table. It serves the transactions
// list (user, time) as the index it replaces did.
platformMigrations['0006_wallet_outflow_index'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createIndex('wallet_transfers_user_movements').on('wallet_transfers').columns(['user_id', 'created_at', 'kind', 'status', 'amount']).execute();
    await db.schema.dropIndex('wallet_transfers_user').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.createIndex('wallet_transfers_user').on('wallet_transfers').columns(['user_id', 'created_at']).execute();
    await db.schema.dropIndex('wallet_transfers_user_movements').execute();
  },
};

// Trades: escrow (guaranteed) and direct, their items, their timeline and their refunds; and each
// merchant's fee rate and refund window.
platformMigrations['0007_trades'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('merchants').addColumn('fee_rate_basis_points', 'integer', (column) => column.notNull().defaultTo(60)).execute();
    await db.schema.alterTable('merchants').addColumn('refund_window_days', 'integer', (column) => column.notNull().defaultTo(365)).execute();
    await db.schema
      .createTable('trades')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('merchant_id', 'text', (column) => column.notNull())
      .addColumn('out_trade_no', 'text', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('subject', 'text', (column) => column.notNull())
      .addColumn('currency', 'text', (column) => column.notNull())
      .addColumn('total_amount', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('buyer_user_id', 'text')
      .addColumn('fee_rate_basis_points', 'integer', (column) => column.notNull())
      .addColumn('held_amount', 'text', (column) => column.notNull())
      .addColumn('hold_transfer_id', 'text')
      .addColumn('released_amount', 'text', (column) => column.notNull())
      .addColumn('fee_amount', 'text', (column) => column.notNull())
      .addColumn('refunded_amount', 'text', (column) => column.notNull())
      .addColumn('pay_deadline', 'bigint', (column) => column.notNull())
      .addColumn('paid_at', 'bigint')
      .addColumn('shipped_at', 'bigint')
      .addColumn('carrier', 'text')
      .addColumn('tracking_number', 'text')
      .addColumn('confirm_deadline', 'bigint')
      .addColumn('buyer_extended', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('refund_deadline', 'bigint')
      .addColumn('ended_at', 'bigint')
      .addColumn('version', 'integer', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addUniqueConstraint('trades_merchant_out_trade_no', ['merchant_id', 'out_trade_no'])
      .execute();
    await db.schema.createIndex('trades_merchant_created').on('trades').columns(['merchant_id', 'created_at']).execute();
    await db.schema.createIndex('trades_buyer_created').on('trades').columns(['buyer_user_id', 'created_at']).execute();
    await db.schema.createIndex('trades_status_pay_deadline').on('trades').columns(['status', 'pay_deadline']).execute();
    await db.schema.createIndex('trades_status_confirm_deadline').on('trades').columns(['status', 'confirm_deadline']).execute();
    await db.schema
      .createTable('trade_items')
      .addColumn('trade_id', 'text', (column) => column.notNull())
      .addColumn('position', 'integer', (column) => column.notNull())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('amount', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint('trade_items_primary', ['trade_id', 'position'])
      .execute();
    await db.schema
      .createTable('trade_events')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('trade_id', 'text', (column) => column.notNull())
      .addColumn('type', 'text', (column) => column.notNull())
      .addColumn('actor', 'text', (column) => column.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('data', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('trade_events_trade').on('trade_events').columns(['trade_id', 'id']).execute();
    await db.schema
      .createTable('trade_refunds')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('trade_id', 'text', (column) => column.notNull())
      .addColumn('out_request_no', 'text', (column) => column.notNull())
      .addColumn('amount', 'text', (column) => column.notNull())
      .addColumn('from_hold', 'text', (column) => column.notNull())
      .addColumn('from_balance', 'text', (column) => column.notNull())
      .addColumn('fee_returned', 'text', (column) => column.notNull())
      .addColumn('reason', 'text')
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addUniqueConstraint('trade_refunds_request', ['trade_id', 'out_request_no'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['trade_refunds', 'trade_events', 'trade_items', 'trades']) await db.schema.dropTable(table).execute();
    await db.schema.alterTable('merchants').dropColumn('refund_window_days').execute();
    await db.schema.alterTable('merchants').dropColumn('fee_rate_basis_points').execute();
  },
};

// Disputes on escrow trades: the buyer opens one, the seller answers, an operator decides.
platformMigrations['0008_trade_disputes'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('trades').addColumn('dispute_status', 'text').execute();
    await db.schema
      .createTable('trade_disputes')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('trade_id', 'text', (column) => column.notNull().unique())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('reason', 'text', (column) => column.notNull())
      .addColumn('seller_statement', 'text')
      .addColumn('refund_amount', 'text')
      .addColumn('decision_note', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('opened_at', 'bigint', (column) => column.notNull())
      .addColumn('answered_at', 'bigint')
      .addColumn('decided_at', 'bigint')
      .execute();
    await db.schema.createIndex('trade_disputes_status').on('trade_disputes').columns(['status', 'opened_at']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('trade_disputes').execute();
    await db.schema.alterTable('trades').dropColumn('dispute_status').execute();
  },
};

// Notifications: the outbox of events (written with the change they describe), merchants' webhook
// endpoints, and each delivery of an event to an endpoint with its attempts.
platformMigrations['0009_notifications'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('events')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('merchant_id', 'text', (column) => column.notNull())
      .addColumn('type', 'text', (column) => column.notNull())
      .addColumn('object_id', 'text', (column) => column.notNull())
      .addColumn('payload', 'text', (column) => column.notNull())
      // Fan-out marks each event rather than moving a cursor: with several processes on
      // PostgreSQL, events may commit out of id order, and a cursor would step over a late one.
      .addColumn('fanned_out', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('events_merchant').on('events').columns(['merchant_id', 'id']).execute();
    await db.schema.createIndex('events_waiting').on('events').columns(['fanned_out', 'id']).execute();
    await db.schema
      .createTable('webhook_endpoints')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('merchant_id', 'text', (column) => column.notNull())
      .addColumn('url', 'text', (column) => column.notNull())
      .addColumn('secret', 'text', (column) => column.notNull())
      .addColumn('event_types', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      // An endpoint hears of events written after it was made, by outbox position rather than by
      // time: events of trades on a test clock carry simulated times.
      .addColumn('events_after', 'text', (column) => column.notNull().defaultTo(''))
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('webhook_endpoints_merchant').on('webhook_endpoints').column('merchant_id').execute();
    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('endpoint_id', 'text', (column) => column.notNull())
      // 'webhook', or 'alipay_notify' (a gateway notification to target_url, the trade's notify_url).
      .addColumn('channel', 'text', (column) => column.notNull().defaultTo('webhook'))
      .addColumn('target_url', 'text')
      .addColumn('event_id', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('attempts', 'integer', (column) => column.notNull())
      .addColumn('next_attempt_at', 'bigint')
      .addColumn('last_attempt_at', 'bigint')
      .addColumn('last_status_code', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addUniqueConstraint('webhook_deliveries_endpoint_event', ['endpoint_id', 'event_id'])
      .execute();
    await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('webhook_deliveries_endpoint').on('webhook_deliveries').columns(['endpoint_id', 'id']).execute();
    await db.schema
      .createTable('webhook_attempts')
      .addColumn('delivery_id', 'text', (column) => column.notNull())
      .addColumn('attempt', 'integer', (column) => column.notNull())
      .addColumn('at', 'bigint', (column) => column.notNull())
      .addColumn('status_code', 'integer')
      .addColumn('error', 'text')
      .addColumn('duration_ms', 'integer', (column) => column.notNull())
      .addPrimaryKeyConstraint('webhook_attempts_primary', ['delivery_id', 'attempt'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const table of ['webhook_attempts', 'webhook_deliveries', 'webhook_endpoints', 'events']) await db.schema.dropTable(table).execute();
  },
};

// The Alipay-compatible gateway: merchants' apps with their public keys, consumers' one-time
// payment codes, and on a trade the app that made it and where to notify it.
platformMigrations['0010_gateway'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('merchant_apps')
      .addColumn('app_id', 'text', (column) => column.primaryKey())
      .addColumn('merchant_id', 'text', (column) => column.notNull())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('public_key', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('merchant_apps_merchant').on('merchant_apps').column('merchant_id').execute();
    await db.schema
      .createTable('payment_codes')
      .addColumn('code_hash', 'text', (column) => column.primaryKey())
      .addColumn('user_id', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('expires_at', 'bigint', (column) => column.notNull())
      .addColumn('used_at', 'bigint')
      .execute();
    await db.schema.createIndex('payment_codes_expires').on('payment_codes').column('expires_at').execute();
    await db.schema.alterTable('trades').addColumn('app_id', 'text').execute();
    await db.schema.alterTable('trades').addColumn('notify_url', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('trades').dropColumn('notify_url').execute();
    await db.schema.alterTable('trades').dropColumn('app_id').execute();
    await db.schema.dropTable('payment_codes').execute();
    await db.schema.dropTable('merchant_apps').execute();
  },
};

// Split settlement: part of a paid trade's proceeds sent on to other merchants.
platformMigrations['0011_trade_splits'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('trades').addColumn('split_amount', 'text', (column) => column.notNull().defaultTo('0')).execute();
    await db.schema
      .createTable('trade_splits')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('trade_id', 'text', (column) => column.notNull())
      .addColumn('out_request_no', 'text', (column) => column.notNull())
      .addColumn('amount', 'text', (column) => column.notNull())
      .addColumn('royalties', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addUniqueConstraint('trade_splits_request', ['trade_id', 'out_request_no'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('trade_splits').execute();
    await db.schema.alterTable('trades').dropColumn('split_amount').execute();
  },
};

// Settlement: where each merchant is paid out, how often, and each payout.
platformMigrations['0012_payouts'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('merchants').addColumn('payout_schedule', 'text', (column) => column.notNull().defaultTo('daily')).execute();
    await db.schema
      .createTable('merchant_payout_accounts')
      .addColumn('merchant_id', 'text', (column) => column.primaryKey())
      .addColumn('bank_token', 'text', (column) => column.notNull())
      .addColumn('brand', 'text', (column) => column.notNull())
      .addColumn('last4', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('payouts')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('merchant_id', 'text', (column) => column.notNull())
      .addColumn('amount', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('failure_code', 'text')
      .addColumn('hold_transfer_id', 'text', (column) => column.notNull())
      .addColumn('automatic_for', 'text')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('settled_at', 'bigint')
      .addUniqueConstraint('payouts_automatic', ['merchant_id', 'automatic_for'])
      .execute();
    await db.schema.createIndex('payouts_merchant_created').on('payouts').columns(['merchant_id', 'created_at']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('payouts').execute();
    await db.schema.dropTable('merchant_payout_accounts').execute();
    await db.schema.alterTable('merchants').dropColumn('payout_schedule').execute();
  },
};

// The durable job scheduler: each job's next due time and lease.
platformMigrations['0013_jobs'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('jobs')
      .addColumn('name', 'text', (column) => column.primaryKey())
      .addColumn('due_at', 'bigint', (column) => column.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'bigint')
      .addColumn('runs', 'integer', (column) => column.notNull())
      .addColumn('last_run_at', 'bigint')
      .addColumn('last_error', 'text')
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('jobs').execute();
  },
};

// Sandbox test clocks: simulated time for the trades made on them.
platformMigrations['0014_test_clocks'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('test_clocks')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('merchant_id', 'text')
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('frozen_time', 'bigint', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('test_clocks_merchant').on('test_clocks').column('merchant_id').execute();
    await db.schema.alterTable('trades').addColumn('test_clock_id', 'text').execute();
    await db.schema.createIndex('trades_test_clock').on('trades').column('test_clock_id').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('trades_test_clock').execute();
    await db.schema.alterTable('trades').dropColumn('test_clock_id').execute();
    await db.schema.dropTable('test_clocks').execute();
  },
};

// Refund requests: a buyer asks the seller for money back before the trade is released.
platformMigrations['0015_refund_requests'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('trades').addColumn('refund_request_id', 'text').execute();
    await db.schema
      .createTable('trade_refund_requests')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('trade_id', 'text', (column) => column.notNull())
      .addColumn('amount', 'text', (column) => column.notNull())
      .addColumn('reason', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('answer', 'text')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('answered_at', 'bigint')
      .execute();
    await db.schema.createIndex('trade_refund_requests_trade').on('trade_refund_requests').columns(['trade_id', 'created_at']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('trade_refund_requests').execute();
    await db.schema.alterTable('trades').dropColumn('refund_request_id').execute();
  },
};

// The dashboard's and the console's reads: a merchant's trades by the day they were paid and
// refunds by the day they were made (the daily report), and users and merchants newest first.
platformMigrations['0016_dashboard_console'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createIndex('trades_merchant_paid').on('trades').columns(['merchant_id', 'paid_at']).execute();
    await db.schema.createIndex('trade_refunds_created').on('trade_refunds').column('created_at').execute();
    await db.schema.createIndex('users_created').on('users').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('merchants_created').on('merchants').columns(['created_at', 'id']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const index of ['merchants_created', 'users_created', 'trade_refunds_created', 'trades_merchant_paid']) await db.schema.dropIndex(index).execute();
  },
};

// Trade event data (the timeline and the outbox's `change`) in decimal amounts with the currency
// beside them, as the rest of the API, instead of fen: the rows written before are rewritten.
platformMigrations['0017_trade_event_amounts'] = eventAmountsMigration;

// Reservations under the daily outflow limit, for servers that share a PostgreSQL database
// (wallet/outflows.ts); the embedded store keeps them in memory and leaves this table empty.
platformMigrations['0018_outflow_reservations'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('outflow_reservations')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('user_id', 'text', (column) => column.notNull())
      .addColumn('amount', 'text', (column) => column.notNull())
      .addColumn('expires_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('outflow_reservations_user').on('outflow_reservations').columns(['user_id', 'expires_at']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('outflow_reservations').execute();
  },
};

// The daily outflow reservation of servers sharing PostgreSQL in one round trip (wallet/outflows.ts):
// a function that takes the user's advisory lock, sums the day's payments and withdrawals with the
// live reservations whose payment has not written its record yet, and writes the reservation if
// it fits. A VOLATILE plpgsql function reads each statement with a new snapshot under READ
// COMMITTED, so the sums are read after the lock is held, and the lock lasts until the call's
// transaction commits with the reservation. The reservation takes the id of the record its
// payment will write: once that record exists the reservation no longer counts, so a payment that
// went through needs no second round trip to delete it. SQLite keeps reservations in memory.
platformMigrations['0019_outflow_reservation_function'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
    await sql`
      CREATE FUNCTION zhifu_reserve_outflow(p_user_id text, p_amount numeric, p_limit numeric, p_since bigint, p_now bigint, p_id text, p_expires_at bigint)
      RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        total numeric;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('zhifu.outflow.' || p_user_id, 0));
        DELETE FROM outflow_reservations WHERE user_id = p_user_id AND expires_at <= p_now;
        -- The records counted are prepareOutflowQuery's (wallet/limits.ts): payments and withdrawals not failed.
        SELECT p_amount
          + COALESCE((SELECT sum(amount::numeric) FROM wallet_transfers
                      WHERE user_id = p_user_id AND kind IN ('transfer', 'withdrawal') AND status <> 'failed' AND created_at >= p_since), 0)
          + COALESCE((SELECT sum(r.amount::numeric) FROM outflow_reservations r
                      WHERE r.user_id = p_user_id AND r.expires_at > p_now AND NOT EXISTS (SELECT 1 FROM wallet_transfers w WHERE w.id = r.id)), 0)
          INTO total;
        IF total > p_limit THEN
          RETURN false;
        END IF;
        INSERT INTO outflow_reservations (id, user_id, amount, expires_at) VALUES (p_id, p_user_id, p_amount::text, p_expires_at)
          ON CONFLICT (id) DO UPDATE SET user_id = EXCLUDED.user_id, amount = EXCLUDED.amount, expires_at = EXCLUDED.expires_at;
        RETURN true;
      END
      $$`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
    await sql`DROP FUNCTION zhifu_reserve_outflow(text, numeric, numeric, bigint, bigint, text, bigint)`.execute(db);
  },
};

// The daily outflow limit counts trades paid from the wallet too (wallet/limits.ts): the function
// sums them beside the wallet's records, and a reservation named by a trade's id stops counting once
// that trade is paid (it counts as a record then). SQLite reads the same records in prepareOutflowQuery.
// 1296000000 ms is 15 days, the longest a trade waits to be paid (tradePayWindowMaxMilliseconds):
// written out, as a migration must not change when a constant does. A trade's id names the
// reservation of whoever pays it: another buyer's reservation under that id is left as it is.
platformMigrations['0020_outflow_counts_trade_payments'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
    await sql`
      CREATE OR REPLACE FUNCTION zhifu_reserve_outflow(p_user_id text, p_amount numeric, p_limit numeric, p_since bigint, p_now bigint, p_id text, p_expires_at bigint)
      RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        total numeric;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('zhifu.outflow.' || p_user_id, 0));
        DELETE FROM outflow_reservations WHERE user_id = p_user_id AND expires_at <= p_now;
        SELECT p_amount
          + COALESCE((SELECT sum(amount::numeric) FROM wallet_transfers
                      WHERE user_id = p_user_id AND kind IN ('transfer', 'withdrawal') AND status <> 'failed' AND created_at >= p_since), 0)
          + COALESCE((SELECT sum(total_amount::numeric) FROM trades
                      WHERE buyer_user_id = p_user_id AND created_at >= p_since - 1296000000 AND paid_at >= p_since AND test_clock_id IS NULL), 0)
          + COALESCE((SELECT sum(r.amount::numeric) FROM outflow_reservations r
                      WHERE r.user_id = p_user_id AND r.expires_at > p_now
                        AND NOT EXISTS (SELECT 1 FROM wallet_transfers w WHERE w.id = r.id)
                        AND NOT EXISTS (SELECT 1 FROM trades t WHERE t.id = r.id AND t.paid_at IS NOT NULL)), 0)
          INTO total;
        IF total > p_limit THEN
          RETURN false;
        END IF;
        INSERT INTO outflow_reservations (id, user_id, amount, expires_at) VALUES (p_id, p_user_id, p_amount::text, p_expires_at)
          ON CONFLICT (id) DO UPDATE SET amount = EXCLUDED.amount, expires_at = EXCLUDED.expires_at
            WHERE outflow_reservations.user_id = EXCLUDED.user_id;
        RETURN true;
      END
      $$`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
    // Back to migration 0019's function, made again by that migration.
    await sql`DROP FUNCTION zhifu_reserve_outflow(text, numeric, numeric, bigint, bigint, text, bigint)`.execute(db);
    await platformMigrations['0019_outflow_reservation_function']!.up(db);
  },
};

// Which credential a merchant's step on a trade came through: an API key, a member's session, a
// gateway app (trades/trade-steps.ts, ActedVia). Earlier lines of the timeline say only whose.
platformMigrations['0021_trade_event_via'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('trade_events').addColumn('actor_via', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('trade_events').dropColumn('actor_via').execute();
  },
};

// The operators' action log: who froze, unfroze, verified, disabled, replayed or decided what, and
// when, each row written in the same transaction as the change it records.
platformMigrations['0022_operator_actions'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('operator_actions')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('operator_id', 'text', (column) => column.notNull())
      .addColumn('action', 'text', (column) => column.notNull())
      .addColumn('target_type', 'text', (column) => column.notNull())
      .addColumn('target_id', 'text', (column) => column.notNull())
      .addColumn('account_id', 'text')
      .addColumn('details', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('operator_actions_operator').on('operator_actions').columns(['operator_id', 'id']).execute();
    await db.schema.createIndex('operator_actions_target').on('operator_actions').columns(['target_id', 'id']).execute();
    await db.schema.createIndex('operator_actions_account').on('operator_actions').columns(['account_id', 'id']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('operator_actions').execute();
  },
};

// A trade step's claim (trades/trade-steps.ts, settle): before a step moves money it writes what it
// will record on the trade row, so that a step whose money moved but whose record was lost (a
// crash, a failed write) is finished by whoever touches the trade next, or by the due sweep, which
// finds the claimed trades through the partial index.
platformMigrations['0023_trade_step_claims'] = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('trades').addColumn('step_claim', 'text').execute();
    await db.schema.createIndex('trades_step_claimed').on('trades').column('id').where(sql.ref('step_claim'), 'is not', null).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('trades_step_claimed').execute();
    await db.schema.alterTable('trades').dropColumn('step_claim').execute();
  },
};

export const platformMigrationProvider: MigrationProvider = {
  async getMigrations() {
    return platformMigrations;
  },
};

