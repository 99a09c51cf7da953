// The wallet: a CNY balance account per user in the ledger, cards through the bank connector,
// top-ups from a card, and payments to other users. Every movement is a ledger transfer whose id
// comes from the request's idempotency key when there is one, so a retry that runs again (after a
// crash between the ledger and the answer) repeats the same transfer, which the ledger answers
// with `exists`, and money moves once.

import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { BankConnector, ChargeOutcome, PayoutOutcome } from '../bank/index.js';
import { accountFlags, accountInput, transferFlags, transferInput, u128Max, type Account } from '../ledger/index.js';
import type { Clock } from '../platform/clock.js';
import { derivedId, digestId, keyDigest, type IdSource } from '../platform/ids.js';
import { PlatformWriteConflictError, prepareQuery, type CardTable, type Ledger, type PlatformDatabase, type PlatformTables, type WalletTransferTable, type WritesWith } from '../store/index.js';
import { AccountCode, cnyLedger, SystemAccount, TransferCode } from './chart.js';
import { defaultWalletLimits, prepareOutflowQuery, type KycTier, type WalletLimits } from './limits.js';
import { DailyOutflows, type Spent } from './outflows.js';

export type WalletFailure =
  | 'balance_insufficient'
  | 'balance_cap_exceeded'
  | 'daily_limit_exceeded'
  | 'recipient_not_found'
  | 'transfer_to_self'
  | 'card_not_found'
  | 'card_number_invalid'
  | Exclude<ChargeOutcome, 'succeeded'>;

/** The part of a user the wallet needs. */
export interface WalletUser {
  readonly id: string;
  readonly balanceAccountId: bigint;
  readonly kycTier: KycTier;
}

/** How long a withdrawal's hold lasts if the bank never answers; then the money goes back. */
export const withdrawalHoldSeconds = 7 * 24 * 60 * 60;

export type WalletOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: WalletFailure };

export interface Balance {
  /** What the user can spend: posted credits less posted and pending debits. */
  readonly available: bigint;
  /** Money on its way out (held withdrawals, escrow payments). */
  readonly pending: bigint;
}

/** What a balance account can spend: posted credits less posted and pending debits. */
export function availableBalance(account: Pick<Account, 'creditsPosted' | 'debitsPosted' | 'debitsPending'>): bigint {
  return account.creditsPosted - account.debitsPosted - account.debitsPending;
}

/** A movement's record, and whether this request wrote it (false: a retry found the one written before). */
interface Recorded {
  readonly row: WalletTransferTable;
  readonly inserted: boolean;
}

/** Where a request's records and transfers get their ids: its idempotency key, or fresh ones. */
export type RequestKey = string | undefined;

export class WalletService {
  private readonly db: Kysely<PlatformTables>;
  private readonly queries: ReturnType<typeof walletQueries>;
  private readonly outflows: DailyOutflows;

  constructor(
    private readonly ledger: Ledger,
    private readonly platform: PlatformDatabase,
    private readonly ids: IdSource,
    private readonly bank: BankConnector,
    private readonly clock: Clock,
    private readonly limits: WalletLimits = defaultWalletLimits,
  ) {
    this.db = platform.db;
    this.queries = walletQueries(this.db);
    this.outflows = new DailyOutflows(this.db, this.queries.outflowSince, platform.exclusive);
  }

  /** Creates the platform's own accounts (bank clearing, fees); on every start after the first they answer `exists`. */
  async ensureSystemAccounts(): Promise<void> {
    const results = await this.ledger.createAccounts([
      accountInput({ id: SystemAccount.bankClearingCny, ledger: cnyLedger, code: AccountCode.bankClearing }),
      accountInput({ id: SystemAccount.platformFeesCny, ledger: cnyLedger, code: AccountCode.platformFees }),
    ]);
    const failed = results.find((result) => result !== 'ok' && result !== 'exists');
    if (failed !== undefined) throw new Error(`wallet: the platform's accounts could not be created (${failed})`);
  }

  /** Opens a CNY balance account that may not go below zero, for a consumer or a merchant. */
  async openBalanceAccount(code: number = AccountCode.consumerBalance): Promise<bigint> {
    const id = this.ids.nextId();
    const flags = accountFlags('debitsMustNotExceedCredits', 'history');
    const [result] = await this.ledger.createAccounts([accountInput({ id, ledger: cnyLedger, code, flags })]);
    if (result !== 'ok') throw new Error(`wallet: a balance account could not be opened (${result})`);
    return id;
  }

  async balance(accountId: bigint): Promise<Balance> {
    const [account] = await this.ledger.lookupAccounts([accountId]);
    if (account === undefined) return { available: 0n, pending: 0n };
    return { available: availableBalance(account), pending: account.debitsPending };
  }

  /** The balances of several accounts, with one lookup. */
  async balances(accountIds: readonly bigint[]): Promise<Map<bigint, Balance>> {
    const accounts = accountIds.length === 0 ? [] : await this.ledger.lookupAccounts(accountIds);
    const balances = new Map<bigint, Balance>(accountIds.map((id) => [id, { available: 0n, pending: 0n }]));
    for (const account of accounts) balances.set(account.id, { available: availableBalance(account), pending: account.debitsPending });
    return balances;
  }

  async linkCard(userId: string, number: string, key: RequestKey): Promise<WalletOutcome<CardTable>> {
    const checked = await this.bank.tokenizeCard(number);
    if (!checked.ok) return { ok: false, code: checked.code };
    const row: CardTable = { id: recordId('card', seedOf(key, 'card')), user_id: userId, bank_token: checked.token, brand: checked.brand, last4: checked.last4, created_at: this.clock.now().getTime() };
    await this.db.insertInto('cards').values(row).onConflict((conflict) => conflict.column('id').doNothing()).execute();
    return { ok: true, value: row };
  }

  /** A money movement the user may see: their own, or a payment made to them. */
  async findMovement(userId: string, id: string, kind: 'transfer' | 'top_up' | 'withdrawal'): Promise<WalletTransferTable | undefined> {
    const row = await this.db.selectFrom('wallet_transfers').selectAll().where('id', '=', id).where('kind', '=', kind).executeTakeFirst();
    if (row === undefined) return undefined;
    return row.user_id === userId || (kind === 'transfer' && row.counterparty_user_id === userId) ? row : undefined;
  }

  async findCard(userId: string, cardId: string): Promise<CardTable | undefined> {
    return this.db.selectFrom('cards').selectAll().where('id', '=', cardId).where('user_id', '=', userId).executeTakeFirst();
  }

  async listCards(userId: string): Promise<CardTable[]> {
    return this.db.selectFrom('cards').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
  }

  /** Charges a card and credits the balance; a declined charge is kept as a failed top-up. */
  async topUp(user: WalletUser, cardId: string, amount: bigint, key: RequestKey): Promise<WalletOutcome<WalletTransferTable>> {
    const card = await this.findCard(user.id, cardId);
    if (card === undefined) return { ok: false, code: 'card_not_found' };
    if (!(await this.fitsBalanceCap(user, amount))) return { ok: false, code: 'balance_cap_exceeded' };
    const seed = seedOf(key, 'top-up');
    const id = recordId('tu', seed);
    const outcome = await this.bank.charge({ token: card.bank_token, amount, currency: 'CNY', reference: id });
    let ledgerTransferId: bigint | null = null;
    if (outcome === 'succeeded') {
      ledgerTransferId = this.transferId(seed);
      const [result] = await this.ledger.createTransfers([
        transferInput({ id: ledgerTransferId, debitAccountId: SystemAccount.bankClearingCny, creditAccountId: user.balanceAccountId, amount, ledger: cnyLedger, code: TransferCode.topUp }),
      ]);
      if (result !== 'ok' && result !== 'exists') throw new Error(`wallet: top-up ${id} was charged but not credited (${result})`);
    }
    const { row } = await this.record({ id, kind: 'top_up', user_id: user.id, counterparty_user_id: null, card_id: card.id, amount: amount.toString(), currency: 'CNY', note: null, status: outcome === 'succeeded' ? 'succeeded' : 'failed', failure_code: outcome === 'succeeded' ? null : outcome, ledger_transfer_id: ledgerTransferId?.toString() ?? null });
    return outcome === 'succeeded' ? { ok: true, value: row } : { ok: false, code: outcome };
  }

  /**
   * Credits the balance without a card: an operator's deposit (cash at a counter, a correction),
   * from the bank clearing account like a top-up. Money comes into being here, so the record is
   * written with the operator's action line (`line`, given the record), in one transaction.
   *
   * With a `reference` (the operator's own, such as the counter's slip number) the deposit is
   * idempotent: its ids come from the reference, so running it again moves the money once and
   * answers the same deposit, writes the record and line a failure left unwritten, and a reference
   * used for another user or amount is refused (idempotency_key_reused). Without one, running it
   * again deposits again.
   */
  async deposit(user: WalletUser, amount: bigint, note: string, reference: string | undefined, line: (record: WalletTransferTable) => WritesWith): Promise<WalletOutcome<WalletTransferTable> | { readonly ok: false; readonly code: 'idempotency_key_reused' }> {
    const seed = seedOf(reference === undefined ? undefined : `deposit\n${reference}`, 'deposit');
    const id = recordId('tu', seed);
    const ledgerTransferId = this.transferId(seed);
    const earlier = async () => {
      const [row] = (await this.queries.movement(id)).rows;
      if (row === undefined) return undefined;
      return row.kind === 'top_up' && row.user_id === user.id && row.amount === amount.toString() ? ({ ok: true, value: row } as const) : ({ ok: false, code: 'idempotency_key_reused' } as const);
    };
    if (seed !== undefined) {
      const found = await earlier();
      if (found !== undefined) return found;
    }
    // A deposit whose money moved before its record was lost is not held to the cap again.
    const moved = seed !== undefined && (await this.ledger.lookupTransfers([ledgerTransferId])).length > 0;
    if (!moved && !(await this.fitsBalanceCap(user, amount))) return { ok: false, code: 'balance_cap_exceeded' };
    const [result] = await this.ledger.createTransfers([
      transferInput({ id: ledgerTransferId, debitAccountId: SystemAccount.bankClearingCny, creditAccountId: user.balanceAccountId, amount, ledger: cnyLedger, code: TransferCode.topUp }),
    ]);
    if (result !== undefined && result.startsWith('exists_with_different_')) return { ok: false, code: 'idempotency_key_reused' };
    if (result !== 'ok' && result !== 'exists') throw new Error(`wallet: deposit failed in the ledger (${result})`);
    // A record written by a later run has that run's time and note.
    const row: WalletTransferTable = { id, kind: 'top_up', user_id: user.id, counterparty_user_id: null, card_id: null, amount: amount.toString(), currency: 'CNY', note, status: 'succeeded', failure_code: null, ledger_transfer_id: ledgerTransferId.toString(), created_at: this.clock.now().getTime() };
    const insert = this.db.insertInto('wallet_transfers').values(row).onConflict((conflict) => conflict.column('id').doNothing());
    try {
      await this.platform.writeTogether([{ query: insert, expectRows: 1 }, ...line(row)()]);
    } catch (error) {
      // Another run with the same reference wrote it first (it and its line stand).
      if (error instanceof PlatformWriteConflictError && seed !== undefined) return (await earlier())!;
      throw error;
    }
    return { ok: true, value: row };
  }

  /** Deletes lapsed reservations under the daily outflow limit (rows only where several servers share the database). */
  pruneOutflowReservations(): Promise<number> {
    return this.outflows.prune(this.clock.now().getTime());
  }

  /** Pays another user from the balance (the caller has checked the PIN). */
  async pay(from: WalletUser, to: WalletUser, amount: bigint, note: string | null, key: RequestKey): Promise<WalletOutcome<WalletTransferTable>> {
    if (from.id === to.id) return { ok: false, code: 'transfer_to_self' };
    const seed = seedOf(key, 'pay');
    const id = recordId('tr', seed);
    return this.withOutflow(from, amount, id, async () => {
      if (!(await this.fitsBalanceCap(to, amount))) return { ok: false, code: 'balance_cap_exceeded' };
      const ledgerTransferId = this.transferId(seed);
      const [result] = await this.ledger.createTransfers([
        transferInput({ id: ledgerTransferId, debitAccountId: from.balanceAccountId, creditAccountId: to.balanceAccountId, amount, ledger: cnyLedger, code: TransferCode.peerToPeer }),
      ]);
      if (result === 'exceeds_credits') return { ok: false, code: 'balance_insufficient' };
      if (result !== 'ok' && result !== 'exists') throw new Error(`wallet: payment failed in the ledger (${result})`);
      return { ok: true, value: await this.record({ id, kind: 'transfer', user_id: from.id, counterparty_user_id: to.id, card_id: null, amount: amount.toString(), currency: 'CNY', note, status: 'succeeded', failure_code: null, ledger_transfer_id: ledgerTransferId.toString() }) };
    });
  }

  /**
   * Runs a movement out of the user's wallet (`move`: a payment, a withdrawal, a trade's payment)
   * with its amount reserved under the user's daily outflow limit, which counts it from then on if
   * it says so; undefined, without running it, when it does not fit. `recordId` is the id of the
   * record the movement writes (for a trade's payment, the trade's: its record once paid).
   */
  withinDailyOutflow<T>(user: WalletUser, amount: bigint, recordId: string, move: () => Promise<Spent<T>>): Promise<T | undefined> {
    return this.outflows.spend(user.id, amount, this.limits[user.kycTier].dailyOutflow, this.clock.now().getTime(), recordId, move);
  }

  /** Has the user's daily outflow read from the records again: a payment was recorded outside a reservation (a trade step's claim settled later). */
  recountOutflow(userId: string): void {
    this.outflows.recount(userId);
  }

  /**
   * Runs a movement out of the user's wallet with its amount reserved under the daily limit: kept
   * when the movement wrote a new record, released when it failed or repeated an earlier one.
   */
  private async withOutflow(user: WalletUser, amount: bigint, movementId: string, move: () => Promise<WalletOutcome<Recorded>>): Promise<WalletOutcome<WalletTransferTable>> {
    const outcome = await this.withinDailyOutflow(user, amount, movementId, async () => {
      const moved = await move();
      return { outcome: moved, counts: moved.ok && moved.value.inserted };
    });
    if (outcome === undefined) return { ok: false, code: 'daily_limit_exceeded' };
    return outcome.ok ? { ok: true, value: outcome.value.row } : outcome;
  }

  /**
   * Withdraws to a card: the amount is held (a pending transfer to the bank clearing account), the
   * bank is asked to pay out, and the hold is posted when it succeeds and voided when it fails, so
   * no failure loses money. A bank that answers later calls confirmWithdrawal itself.
   */
  async withdraw(user: WalletUser, cardId: string, amount: bigint, key: RequestKey): Promise<WalletOutcome<WalletTransferTable>> {
    const card = await this.findCard(user.id, cardId);
    if (card === undefined) return { ok: false, code: 'card_not_found' };
    const seed = seedOf(key, 'withdraw');
    const id = recordId('wd', seed);
    const held = await this.withOutflow(user, amount, id, async () => {
      const holdId = this.transferId(seed);
      const [result] = await this.ledger.createTransfers([
        transferInput({ id: holdId, debitAccountId: user.balanceAccountId, creditAccountId: SystemAccount.bankClearingCny, amount, ledger: cnyLedger, code: TransferCode.withdrawal, flags: transferFlags('pending'), timeout: withdrawalHoldSeconds }),
      ]);
      if (result === 'exceeds_credits') return { ok: false, code: 'balance_insufficient' };
      if (result !== 'ok' && result !== 'exists') throw new Error(`wallet: withdrawal hold failed in the ledger (${result})`);
      return { ok: true, value: await this.record({ id, kind: 'withdrawal', user_id: user.id, counterparty_user_id: null, card_id: card.id, amount: amount.toString(), currency: 'CNY', note: null, status: 'pending', failure_code: null, ledger_transfer_id: holdId.toString() }) };
    });
    if (!held.ok) return held;
    const outcome = await this.bank.payout({ token: card.bank_token, amount, currency: 'CNY', reference: held.value.id });
    return { ok: true, value: await this.confirmWithdrawal(held.value.id, outcome) };
  }

  /** Settles a withdrawal with the bank's answer: posts the hold, or voids it and gives the money back. */
  async confirmWithdrawal(id: string, outcome: PayoutOutcome): Promise<WalletTransferTable> {
    const row = await this.db.selectFrom('wallet_transfers').selectAll().where('id', '=', id).where('kind', '=', 'withdrawal').executeTakeFirstOrThrow();
    if (row.status !== 'pending') return row;
    const holdId = BigInt(row.ledger_transfer_id!);
    const succeeded = outcome === 'succeeded';
    const [result] = await this.ledger.createTransfers([
      transferInput({ id: derivedId(`${holdId}`, succeeded ? 'withdraw-post' : 'withdraw-void'), pendingId: holdId, amount: succeeded ? u128Max : 0n, flags: transferFlags(succeeded ? 'postPendingTransfer' : 'voidPendingTransfer') }),
    ]);
    // An expired hold has given the money back already: the withdrawal failed.
    const settled = result === 'ok' || result === 'exists';
    if (!settled && result !== 'pending_transfer_expired') throw new Error(`wallet: withdrawal ${id} could not be settled (${result})`);
    const status = succeeded && settled ? 'succeeded' : 'failed';
    const failureCode = status === 'succeeded' ? null : settled ? outcome : 'hold_expired';
    const updated = await this.db.updateTable('wallet_transfers').set({ status, failure_code: failureCode }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    if (status === 'failed' && updated.numUpdatedRows === 1n) this.outflows.failed(row.user_id, BigInt(row.amount), Number(row.created_at));
    return { ...row, status, failure_code: failureCode };
  }

  private async fitsBalanceCap(user: WalletUser, incoming: bigint): Promise<boolean> {
    const balance = await this.balance(user.balanceAccountId);
    return balance.available + balance.pending + incoming <= this.limits[user.kycTier].balanceCap;
  }

  /** Records a movement, saying whether the record is new (a retry finds the one it made before). */
  private async record(fields: Omit<WalletTransferTable, 'created_at'>): Promise<Recorded> {
    const row: WalletTransferTable = { ...fields, created_at: this.clock.now().getTime() };
    const inserted = await this.queries.insertMovement(row.id, row.kind, row.user_id, row.counterparty_user_id, row.card_id, row.amount, row.currency, row.note, row.status, row.failure_code, row.ledger_transfer_id, row.created_at);
    if (inserted.numAffectedRows === 1n) return { row, inserted: true };
    // A retry of a request that ran before: the record it made stands.
    return { row: (await this.queries.movement(row.id)).rows[0] ?? row, inserted: false };
  }

  /** A movement's ledger transfer id: from its request's key (the digest its record id comes from too), or a fresh one. */
  private transferId(seed: Buffer | undefined): bigint {
    return seed === undefined ? this.ids.nextId() : digestId(seed);
  }
}

/** The queries of every payment, prepared once. */
function walletQueries(db: Kysely<PlatformTables>) {
  type Row = WalletTransferTable;
  return {
    outflowSince: prepareOutflowQuery(db),
    movement: prepareQuery(db, (id: string) => db.selectFrom('wallet_transfers').selectAll().where('id', '=', id)),
    insertMovement: prepareQuery(
      db,
      (id: Row['id'], kind: Row['kind'], user_id: Row['user_id'], counterparty_user_id: Row['counterparty_user_id'], card_id: Row['card_id'], amount: Row['amount'], currency: Row['currency'], note: Row['note'], status: Row['status'], failure_code: Row['failure_code'], ledger_transfer_id: Row['ledger_transfer_id'], created_at: Row['created_at']) =>
        db
          .insertInto('wallet_transfers')
          .values({ id, kind, user_id, counterparty_user_id, card_id, amount, currency, note, status, failure_code, ledger_transfer_id, created_at })
          .onConflict((conflict) => conflict.column('id').doNothing()),
    ),
  };
}

/**
 * The seed of a movement's ids: the digest of its request's idempotency key for the movement's
 * purpose (its record id and its ledger transfer id both come from it), or none without a key.
 */
function seedOf(key: RequestKey, purpose: string): Buffer | undefined {
  return key === undefined ? undefined : keyDigest(key, purpose);
}

/** A record id: from the request's key digest when there is one, random otherwise. */
function recordId(prefix: string, seed: Buffer | undefined): string {
  return `${prefix}_${(seed ?? randomBytes(12)).subarray(0, 12).toString('base64url')}`;
}
