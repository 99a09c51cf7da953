// Merchant apps for the Alipay-compatible gateway: a merchant registers an app with its RSA public
// key and gets an app_id; the gateway verifies the app's requests with that key and signs its
// answers with the platform's own key pair, whose public half the merchant's client is given.
// A merchant replaces an app's key (a key rotated, or one that leaked: requests signed with the old
// key are refused from then on) and disables an app for good: the gateway refuses it, and its
// trades' notifications still waiting are dropped, as a disabled webhook endpoint's are.

import { createPrivateKey, createPublicKey, generateKeyPairSync, randomInt, type KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import { appDisabledError, appTarget } from '../notify/app-targets.js';
import { noWrites, PlatformWriteConflictError, unlessUnchanged, type MerchantAppTable, type PlatformDatabase, type PlatformTables, type WritesWith } from '../store/index.js';

export const appsPerMerchantMax = 20;
export const appNameLengthMax = 100;
/** Shorter RSA keys are refused: Alipay's RSA2 needs 2048 bits. */
export const appKeyBitsMin = 2048;

export type AppFailure = 'public_key_invalid' | 'app_limit_reached';
export type AppChangeFailure = 'app_not_found' | 'app_disabled' | 'public_key_invalid';

/** The platform's gateway key pair, made once and kept in the platform database. */
export interface GatewayKeys {
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
}

export async function loadGatewayKeys(db: Kysely<PlatformTables>, now: number): Promise<GatewayKeys> {
  const name = 'gateway_rsa_private_key';
  let row = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirst();
  if (row === undefined) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await db.insertInto('server_secrets').values({ name, value: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), created_at: now }).onConflict((conflict) => conflict.column('name').doNothing()).execute();
    row = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  }
  const privateKey = createPrivateKey(row.value);
  return { privateKey, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
}

/** An RSA public key as PEM (SPKI), from PEM or from the bare base64 that Alipay's key tool prints; undefined if it is not one. */
export function normalizePublicKey(text: string): string | undefined {
  const trimmed = text.trim();
  const pem = trimmed.startsWith('-----BEGIN') ? trimmed : `-----BEGIN PUBLIC KEY-----\n${trimmed.replace(/\s+/g, '').replace(/(.{64})/g, '$1\n')}\n-----END PUBLIC KEY-----\n`;
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < appKeyBitsMin) return undefined;
    return key.export({ type: 'spki', format: 'pem' }).toString();
  } catch {
    return undefined;
  }
}

export class MerchantAppService {
  private readonly db: Kysely<PlatformTables>;

  constructor(
    private readonly platform: PlatformDatabase,
    private readonly clock: Clock,
  ) {
    this.db = platform.db;
  }

  /** Registers an app with its public key; `line`, given the app, is written with it (the command line's action line). */
  async createApp(merchantId: string, name: string, publicKey: string, line?: (app: MerchantAppTable) => WritesWith): Promise<{ ok: true; app: MerchantAppTable } | { ok: false; code: AppFailure }> {
    const pem = normalizePublicKey(publicKey);
    if (pem === undefined) return { ok: false, code: 'public_key_invalid' };
    // Disabled apps do not count: disabling one makes room for its replacement.
    const count = await this.db.selectFrom('merchant_apps').select((eb) => eb.fn.countAll<number>().as('count')).where('merchant_id', '=', merchantId).where('status', '=', 'active').executeTakeFirstOrThrow();
    if (Number(count.count) >= appsPerMerchantMax) return { ok: false, code: 'app_limit_reached' };
    for (;;) {
      const app: MerchantAppTable = { app_id: `2026${String(randomInt(0, 1e6)).padStart(6, '0')}${String(randomInt(0, 1e6)).padStart(6, '0')}`, merchant_id: merchantId, name: name.trim(), public_key: pem, status: 'active', created_at: this.clock.now().getTime() };
      const insert = this.db.insertInto('merchant_apps').values(app).onConflict((conflict) => conflict.column('app_id').doNothing());
      try {
        // A taken app_id inserts nothing, and the line is not written: draw another.
        await this.platform.writeTogether([{ query: insert, expectRows: 1 }, ...(line === undefined ? [] : line(app)())]);
        return { ok: true, app };
      } catch (error) {
        if (!(error instanceof PlatformWriteConflictError)) throw error;
      }
    }
  }

  async findApp(appId: string): Promise<MerchantAppTable | undefined> {
    return this.db.selectFrom('merchant_apps').selectAll().where('app_id', '=', appId).executeTakeFirst();
  }

  /** The merchant's app; undefined for an app of another merchant, as for one that does not exist. */
  async merchantApp(merchantId: string, appId: string): Promise<MerchantAppTable | undefined> {
    return this.db.selectFrom('merchant_apps').selectAll().where('app_id', '=', appId).where('merchant_id', '=', merchantId).executeTakeFirst();
  }

  /**
   * Renames an active app or replaces its public key: from the moment this answers, the gateway
   * verifies the app's requests with the new key only.
   */
  async updateApp(merchantId: string, appId: string, changes: { readonly name?: string; readonly publicKey?: string }, alsoWrite: WritesWith = noWrites): Promise<{ ok: true; app: MerchantAppTable } | { ok: false; code: AppChangeFailure }> {
    const app = await this.merchantApp(merchantId, appId);
    if (app === undefined) return { ok: false, code: 'app_not_found' };
    if (app.status !== 'active') return { ok: false, code: 'app_disabled' };
    const pem = changes.publicKey === undefined ? app.public_key : normalizePublicKey(changes.publicKey);
    if (pem === undefined) return { ok: false, code: 'public_key_invalid' };
    const name = changes.name === undefined ? app.name : changes.name.trim();
    // Only while it is still active: a disabling that came first stays.
    const update = this.db.updateTable('merchant_apps').set({ name, public_key: pem }).where('app_id', '=', appId).where('status', '=', 'active');
    try {
      await this.platform.writeTogether([{ query: update, expectRows: 1 }, ...alsoWrite()]);
    } catch (error) {
      if (error instanceof PlatformWriteConflictError) return { ok: false, code: 'app_disabled' };
      throw error;
    }
    return { ok: true, app: { ...app, name, public_key: pem } };
  }

  /**
   * Disables an app for good: the gateway refuses its requests, no notification of its trades is
   * sent any more, and those still waiting fail with 'app disabled', in the same unit of writes.
   * Disabling a disabled app changes nothing and answers it.
   */
  async disableApp(merchantId: string, appId: string, alsoWrite: WritesWith = noWrites): Promise<{ ok: true; app: MerchantAppTable } | { ok: false; code: 'app_not_found' }> {
    const app = await this.merchantApp(merchantId, appId);
    if (app === undefined) return { ok: false, code: 'app_not_found' };
    if (app.status === 'active') {
      // Disabled once: a second disabling at the same moment changes nothing and writes nothing with it.
      await this.platform
        .writeTogether([
          { query: this.db.updateTable('merchant_apps').set({ status: 'disabled' }).where('app_id', '=', appId).where('status', '=', 'active'), expectRows: 1 },
          this.db.updateTable('webhook_deliveries').set({ status: 'failed', next_attempt_at: null, last_error: appDisabledError }).where('endpoint_id', '=', appTarget(appId)).where('status', '=', 'pending'),
          ...alsoWrite(),
        ])
        .catch(unlessUnchanged);
    }
    return { ok: true, app: { ...app, status: 'disabled' } };
  }

  async listApps(merchantId: string): Promise<MerchantAppTable[]> {
    return this.db.selectFrom('merchant_apps').selectAll().where('merchant_id', '=', merchantId).orderBy('created_at', 'desc').execute();
  }
}
