// The composition root: builds the product services over the ledger and the platform database,
// once, for every transport (the HTTP server, the CLI) to share.

import { SandboxBank, type BankConnector } from './bank/index.js';
import { IdentityService, loadGatewayKeys, loadServerSecret, MerchantAppService, MerchantService, OperatorActionLog, OperatorService, RateLimiter, type GatewayKeys } from './identity/index.js';
import type { Clock } from './platform/clock.js';
import { TimeOrderedIds } from './platform/ids.js';
import { DatabaseJobLeases, IdempotencyKeys, type Ledger, type PlatformDatabase } from './store/index.js';
import { signRsa2, WebhookService } from './notify/index.js';
import { BillLinks, BillService, DailyReports, PayoutService } from './settlement/index.js';
import { DisputeService, RefundRequestService, SplitService, TestClockService, tradeIdOf, TradeService, TradeSteps } from './trades/index.js';
import { defaultWalletLimits, LedgerOverview, PaymentCodes, TransactionList, WalletService, type WalletLimits } from './wallet/index.js';
import type { Config } from './platform/config.js';

export interface ServiceDependencies {
  readonly ledger: Ledger;
  readonly platform: PlatformDatabase;
  readonly clock: Clock;
  /** The bank behind cards, top-ups and withdrawals; the sandbox bank unless one is given. */
  readonly bank?: BankConnector;
  /** The key of payment PIN hashes; made once and kept in the platform database unless given. */
  readonly pinKey?: string;
  readonly walletLimits?: WalletLimits;
  /** Overrides of single limits (from the configuration), laid over the defaults. */
  readonly walletLimitOverrides?: Config['walletLimits'];
  /** 'production' refuses sandbox-only features (test clocks); 'sandbox' when not given. */
  readonly mode?: 'sandbox' | 'production';
  /** Sign-in attempts allowed from one client address per 15 minutes. */
  readonly signInAttemptsPerAddress?: number;
}

export interface Services {
  readonly identity: IdentityService;
  readonly merchants: MerchantService;
  readonly operators: OperatorService;
  /** What operators did to others' standing and money, each line written with its change. */
  readonly operatorActions: OperatorActionLog;
  readonly wallet: WalletService;
  /** A user's money movements: the wallet's own, and trades paid and refunded, read from the ledger. */
  readonly transactions: TransactionList;
  readonly idempotencyKeys: IdempotencyKeys;
  readonly trades: TradeService;
  readonly disputes: DisputeService;
  readonly splits: SplitService;
  readonly webhooks: WebhookService;
  readonly apps: MerchantAppService;
  readonly gatewayKeys: GatewayKeys;
  readonly paymentCodes: PaymentCodes;
  readonly clock: Clock;
  readonly mode: 'sandbox' | 'production';
  readonly payouts: PayoutService;
  readonly bills: BillService;
  readonly testClocks: TestClockService;
  readonly refundRequests: RefundRequestService;
  readonly billLinks: BillLinks;
  readonly reports: DailyReports;
  readonly ledgerOverview: LedgerOverview;
  /** The durable jobs' state, as the scheduler keeps it (src/platform/jobs.ts). */
  readonly jobs: DatabaseJobLeases;
}

export async function createServices(dependencies: ServiceDependencies): Promise<Services> {
  const { platform, clock, ledger } = dependencies;
  const pinKey = await loadServerSecret(platform.db, 'pin_key', dependencies.pinKey, clock.now().getTime());
  const limiter = new RateLimiter(platform.db, clock);
  const identity = new IdentityService(platform, clock, pinKey, limiter, dependencies.signInAttemptsPerAddress);
  const base = dependencies.walletLimits ?? defaultWalletLimits;
  const overrides = dependencies.walletLimitOverrides;
  const limits: WalletLimits = overrides === undefined ? base : { unverified: { ...base.unverified, ...overrides.unverified }, verified: { ...base.verified, ...overrides.verified } };
  const bank = dependencies.bank ?? new SandboxBank();
  const wallet = new WalletService(ledger, platform, new TimeOrderedIds(clock), bank, clock, limits);
  await wallet.ensureSystemAccounts();
  const tradeIds = new TimeOrderedIds(clock);
  const gatewayKeys = await loadGatewayKeys(platform.db, clock.now().getTime());
  const tradeSteps = new TradeSteps(ledger, platform, clock, tradeIds);
  const trades = new TradeService(tradeSteps, platform, tradeIds, wallet);
  return {
    identity,
    merchants: new MerchantService(platform, clock),
    operators: new OperatorService(platform, clock, limiter),
    operatorActions: new OperatorActionLog(platform.db, clock, tradeIds),
    wallet,
    transactions: new TransactionList(ledger, platform.db, tradeIdOf),
    idempotencyKeys: new IdempotencyKeys(platform, clock),
    trades,
    disputes: new DisputeService(tradeSteps, platform, tradeIds),
    splits: new SplitService(tradeSteps, platform, tradeIds),
    webhooks: new WebhookService(platform, clock, tradeIds, (text) => signRsa2(text, gatewayKeys.privateKey), (dependencies.mode ?? 'sandbox') === 'sandbox'),
    apps: new MerchantAppService(platform, clock),
    gatewayKeys,
    paymentCodes: new PaymentCodes(platform, clock),
    clock,
    mode: dependencies.mode ?? 'sandbox',
    payouts: new PayoutService(ledger, platform, bank, clock, tradeIds),
    bills: new BillService(ledger, platform),
    refundRequests: new RefundRequestService(tradeSteps, trades, platform, tradeIds),
    testClocks: new TestClockService(platform, trades, clock, tradeIds, (dependencies.mode ?? 'sandbox') === 'sandbox'),
    billLinks: new BillLinks(await loadServerSecret(platform.db, 'bill_link_key', undefined, clock.now().getTime()), clock),
    reports: new DailyReports(platform, clock),
    ledgerOverview: new LedgerOverview(ledger, clock),
    jobs: new DatabaseJobLeases(platform),
  };
}
