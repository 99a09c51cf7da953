// The PostgreSQL schema, as numbered migrations applied in order on start and recorded with a
// version. u128 values are numeric(39,0): exact, and summable in SQL.

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'ledger',
    sql: `
      CREATE TABLE accounts (
        id numeric(39,0) PRIMARY KEY,
        ledger bigint NOT NULL,
        code integer NOT NULL,
        flags integer NOT NULL,
        user_data_128 numeric(39,0) NOT NULL,
        user_data_64 numeric(20,0) NOT NULL,
        user_data_32 bigint NOT NULL,
        debits_pending numeric(39,0) NOT NULL,
        debits_posted numeric(39,0) NOT NULL,
        credits_pending numeric(39,0) NOT NULL,
        credits_posted numeric(39,0) NOT NULL,
        timestamp bigint NOT NULL UNIQUE,
        last_transfer_timestamp bigint NOT NULL
      ) WITH (fillfactor = 50);

      CREATE TABLE transfers (
        timestamp bigint PRIMARY KEY,
        id numeric(39,0) NOT NULL UNIQUE,
        debit_account_id numeric(39,0) NOT NULL,
        credit_account_id numeric(39,0) NOT NULL,
        amount numeric(39,0) NOT NULL,
        pending_id numeric(39,0) NOT NULL,
        user_data_128 numeric(39,0) NOT NULL,
        user_data_64 numeric(20,0) NOT NULL,
        user_data_32 bigint NOT NULL,
        timeout bigint NOT NULL,
        ledger bigint NOT NULL,
        code integer NOT NULL,
        flags integer NOT NULL,
        debit_previous bigint NOT NULL,
        credit_previous bigint NOT NULL
      );

      -- One row per pending transfer (hold): 0 pending, 1 posted, 2 voided, 3 expired.
      CREATE TABLE holds (
        id numeric(39,0) PRIMARY KEY,
        status smallint NOT NULL,
        expires_at bigint NOT NULL,
        resolved_at bigint NOT NULL
      );
      CREATE INDEX holds_due ON holds (expires_at) WHERE status = 0 AND expires_at > 0;

      CREATE TABLE account_balances (
        account_id numeric(39,0) NOT NULL,
        timestamp bigint NOT NULL,
        debits_pending numeric(39,0) NOT NULL,
        debits_posted numeric(39,0) NOT NULL,
        credits_pending numeric(39,0) NOT NULL,
        credits_posted numeric(39,0) NOT NULL,
        PRIMARY KEY (account_id, timestamp)
      );

      -- The ledger's clock (the last timestamp used) and the highest transfer id stored: an event
      -- whose id is above it cannot exist, so its lookup is skipped.
      CREATE TABLE ledger_state (
        id integer PRIMARY KEY CHECK (id = 1),
        last_timestamp bigint NOT NULL,
        max_transfer_id numeric(39,0) NOT NULL
      );
      INSERT INTO ledger_state (id, last_timestamp, max_transfer_id) VALUES (1, 0, 0);
    `,
  },
];
