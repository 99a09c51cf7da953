// Payouts: a merchant's balance paid out to its bank account through the bank connector, daily
// (T+1: on each business day, what the balance holds is paid out) or on request. A payout is a
// hold (a pending transfer from the merchant's balance to the bank clearing account) that is
// posted when the bank pays and voided when it refuses, so a failed payout gives the money back
// and none is ever lost. Each payout's outcome goes to the outbox for the merchant's webhooks.

import type { Kysely } from 'kysely';
import type { BankConnector, PayoutOutcome } from '../bank/index.js';
import { transferFlags, transferInput, u128Max } from '../ledger/index.js';
import { outboxWrite } from '../notify/index.js';
import { isoTime, type Clock } from '../platform/clock.js';
import { derivedId, type IdSource } from '../platform/ids.js';
import { PlatformWriteConflictError, type Ledger, type MerchantPayoutAccountTable, type PayoutTable, type PlatformDatabase, type PlatformTables } from '../store/index.js';
import { actedByOf, type ActedVia } from '../trades/index.js';
import { availableBalance, cnyLedger, SystemAccount, TransferCode } from '../wallet/index.js';
import { formatAmount } from '../money/index.js';
import { businessDayOf } from './bills.js';

/** A payout the bank never answers is given back after a week. */
export const payoutHoldSeconds = 7 * 24 * 60 * 60;
/** A payout still pending this long is taken to have lost its answer, and the bank is asked again. */
export const payoutReconcileAfterMilliseconds = 10 * 60 * 1000;

export interface PayoutMerchant {
  readonly id: string;
  readonly balanceAccountId: bigint;
  readonly payoutSchedule: 'daily' | 'manual';
}

export type PayoutFailure = 'payout_account_missing' | 'balance_insufficient' | 'card_number_invalid';
export type PayoutOutcomeOf<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: PayoutFailure };

export class PayoutService {
  private readonly db: Kysely<PlatformTables>;

  constructor(
    private readonly ledger: Ledger,
    private readonly platform: PlatformDatabase,
    private readonly bank: BankConnector,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {
    this.db = platform.db;
  }

  /** Sets (or replaces) the account a merchant is paid out to. */
  async setPayoutAccount(merchantId: string, number: string): Promise<PayoutOutcomeOf<MerchantPayoutAccountTable>> {
    const checked = await this.bank.tokenizeCard(number);
    if (!checked.ok) return { ok: false, code: 'card_number_invalid' };
    const row: MerchantPayoutAccountTable = { merchant_id: merchantId, bank_token: checked.token, brand: checked.brand, last4: checked.last4, created_at: this.clock.now().getTime() };
    await this.db
      .insertInto('merchant_payout_accounts')
      .values(row)
      .onConflict((conflict) => conflict.column('merchant_id').doUpdateSet({ bank_token: row.bank_token, brand: row.brand, last4: row.last4, created_at: row.created_at }))
      .execute();
    return { ok: true, value: row };
  }

  async payoutAccount(merchantId: string): Promise<MerchantPayoutAccountTable | undefined> {
    return this.db.selectFrom('merchant_payout_accounts').selectAll().where('merchant_id', '=', merchantId).executeTakeFirst();
  }

  /** A page of payouts, newest first; undefined when `startingAfter` is not one of the merchant's payouts. */
  async payouts(merchantId: string, limit: number, startingAfter?: string): Promise<{ data: PayoutTable[]; hasMore: boolean } | undefined> {
    let query = this.db.selectFrom('payouts').selectAll().where('merchant_id', '=', merchantId);
    if (startingAfter !== undefined) {
      const cursor = await this.findPayout(merchantId, startingAfter);
      if (cursor === undefined) return undefined;
      query = query.where((eb) => eb.or([eb('created_at', '<', cursor.created_at), eb.and([eb('created_at', '=', cursor.created_at), eb('id', '<', cursor.id)])]));
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    return { data: rows.slice(0, limit), hasMore: rows.length > limit };
  }

  async findPayout(merchantId: string, id: string): Promise<PayoutTable | undefined> {
    return this.db.selectFrom('payouts').selectAll().where('id', '=', id).where('merchant_id', '=', merchantId).executeTakeFirst();
  }

  /**
   * Pays out `amount` (all that is available when undefined). `key` names the payout, so a retry
   * of the same request repeats the same hold, which the ledger answers `exists`. `via`: the
   * merchant's credential that asked for it (none for the daily run), named by its event.
   */
  async payout(merchant: PayoutMerchant, amount: bigint | undefined, key: string, automaticFor: string | null = null, via?: ActedVia): Promise<PayoutOutcomeOf<PayoutTable>> {
    const account = await this.payoutAccount(merchant.id);
    if (account === undefined) return { ok: false, code: 'payout_account_missing' };
    const id = `po_${derivedId(key, 'payout-record').toString(36).slice(0, 20)}`;
    const earlier = await this.db.selectFrom('payouts').selectAll().where('id', '=', id).executeTakeFirst();
    if (earlier !== undefined) return { ok: true, value: earlier.status === 'pending' ? await this.askBank(earlier, account) : earlier };
    const holdId = derivedId(key, 'payout-hold');
    // A retry after a crash between the hold and its record: the hold stands, with its amount.
    const [earlierHold] = await this.ledger.lookupTransfers([holdId]);
    const available = await this.available(merchant.balanceAccountId);
    const value = earlierHold?.amount ?? amount ?? available;
    if (earlierHold === undefined && (value <= 0n || value > available)) return { ok: false, code: 'balance_insufficient' };
    const [held] = await this.ledger.createTransfers([
      transferInput({ id: holdId, debitAccountId: merchant.balanceAccountId, creditAccountId: SystemAccount.bankClearingCny, amount: value, ledger: cnyLedger, code: TransferCode.payout, flags: transferFlags('pending'), timeout: payoutHoldSeconds, userData128: holdId }),
    ]);
    if (held === 'exceeds_credits') return { ok: false, code: 'balance_insufficient' };
    if (held !== 'ok' && held !== 'exists') throw new Error(`settlement: the payout hold failed in the ledger (${held})`);
    const row: PayoutTable = { id, merchant_id: merchant.id, amount: value.toString(), status: 'pending', failure_code: null, hold_transfer_id: holdId.toString(), automatic_for: automaticFor, created_at: this.clock.now().getTime(), settled_at: null };
    await this.platform.writeTogether([this.db.insertInto('payouts').values(row).onConflict((conflict) => conflict.column('id').doNothing()), this.event(row, 'payout.created', via)]);
    return { ok: true, value: await this.askBank(row, account) };
  }

  /** Pays out every daily merchant once per business day; answers how many payouts it made. */
  async runDaily(merchantsOf: (ids: readonly string[]) => Promise<PayoutMerchant[]>): Promise<number> {
    const now = this.clock.now().getTime();
    const businessDay = businessDayOf(now);
    const candidates = await this.db
      .selectFrom('merchant_payout_accounts')
      .innerJoin('merchants', 'merchants.id', 'merchant_payout_accounts.merchant_id')
      .select('merchants.id')
      .where('merchants.payout_schedule', '=', 'daily')
      .where('merchants.status', '=', 'active')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('payouts').select('payouts.id').whereRef('payouts.merchant_id', '=', 'merchants.id').where('payouts.automatic_for', '=', businessDay))))
      .execute();
    let made = 0;
    const failures: string[] = [];
    for (const merchant of await merchantsOf(candidates.map((row) => row.id))) {
      // One merchant's trouble does not stop the others' payouts.
      try {
        if ((await this.available(merchant.balanceAccountId)) <= 0n) continue;
        const outcome = await this.payout(merchant, undefined, `daily-payout\n${merchant.id}\n${businessDay}`, businessDay);
        if (outcome.ok) made++;
      } catch (error) {
        failures.push(`${merchant.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length > 0) throw new Error(`daily payouts made ${made}, failed for ${failures.length}: ${failures.slice(0, 5).join('; ')}`);
    return made;
  }

  /**
   * Asks the bank again about payouts still pending after `olderThanMilliseconds` (the process
   * that asked died before the answer was recorded), by the same reference, so a payout the bank
   * made is posted before its hold could expire and give the money back. Answers how many settled.
   */
  async reconcilePending(olderThanMilliseconds = payoutReconcileAfterMilliseconds, limit = 100): Promise<number> {
    const cutoff = this.clock.now().getTime() - olderThanMilliseconds;
    const pending = await this.db.selectFrom('payouts').selectAll().where('status', '=', 'pending').where('created_at', '<=', cutoff).orderBy('created_at').limit(limit).execute();
    let settled = 0;
    for (const payout of pending) {
      const account = await this.payoutAccount(payout.merchant_id);
      if (account === undefined) continue;
      if ((await this.askBank(payout, account)).status !== 'pending') settled++;
    }
    return settled;
  }

  /** Settles a payout with the bank's answer: posts the hold, or voids it and gives the money back. */
  async confirm(payout: PayoutTable, outcome: PayoutOutcome): Promise<PayoutTable> {
    if (payout.status !== 'pending') return payout;
    const holdId = BigInt(payout.hold_transfer_id);
    const succeeded = outcome === 'succeeded';
    const [result] = await this.ledger.createTransfers([
      transferInput({ id: derivedId(payout.id, succeeded ? 'payout-post' : 'payout-void'), pendingId: holdId, amount: succeeded ? u128Max : 0n, flags: transferFlags(succeeded ? 'postPendingTransfer' : 'voidPendingTransfer') }),
    ]);
    const settled = result === 'ok' || result === 'exists';
    if (!settled && result !== 'pending_transfer_expired') throw new Error(`settlement: payout ${payout.id} could not be settled (${result})`);
    const status = succeeded && settled ? 'paid' : 'failed';
    const next: PayoutTable = { ...payout, status, failure_code: status === 'paid' ? null : settled ? outcome : 'hold_expired', settled_at: this.clock.now().getTime() };
    try {
      await this.platform.writeTogether([
        { query: this.db.updateTable('payouts').set({ status, failure_code: next.failure_code, settled_at: next.settled_at }).where('id', '=', payout.id).where('status', '=', 'pending'), expectRows: 1 },
        this.event(next, status === 'paid' ? 'payout.paid' : 'payout.failed'),
      ]);
    } catch (error) {
      // A retry of the same payout settled it at the same moment: its record stands.
      if (!(error instanceof PlatformWriteConflictError)) throw error;
      return this.db.selectFrom('payouts').selectAll().where('id', '=', payout.id).executeTakeFirstOrThrow();
    }
    return next;
  }

  private async askBank(payout: PayoutTable, account: MerchantPayoutAccountTable): Promise<PayoutTable> {
    const outcome = await this.bank.payout({ token: account.bank_token, amount: BigInt(payout.amount), currency: 'CNY', reference: payout.id });
    return this.confirm(payout, outcome);
  }

  private async available(accountId: bigint): Promise<bigint> {
    const [account] = await this.ledger.lookupAccounts([accountId]);
    return account === undefined ? 0n : availableBalance(account);
  }

  /** The payout's event; `via` names the merchant's credential that caused it (else acted_by is null). */
  private event(payout: PayoutTable, type: string, via?: ActedVia) {
    const object = { id: payout.id, object: 'payout', amount: formatAmount(BigInt(payout.amount), 'CNY'), currency: 'CNY', status: payout.status, failure_code: payout.failure_code, automatic_for: payout.automatic_for, created_at: isoTime(payout.created_at), settled_at: isoTime(payout.settled_at) };
    return outboxWrite(this.db, this.ids, { merchantId: payout.merchant_id, type, objectId: payout.id, payload: { object, ...(via === undefined ? {} : { acted_by: actedByOf(via) }) }, createdAt: this.clock.now().getTime() });
  }
}
