// Merchants (organisations) with members, and their secret API keys: shown once, kept as a hash,
// revocable, and optionally restricted to some operations (scopes). A member may also act for the
// merchant with their own session, with the scopes of their role. A frozen merchant (an operator's
// decision) keeps its data, but its keys and members may not act for it.

import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import { OwnedCache } from '../platform/owned-cache.js';
import { containsText, noWrites, prepareQuery, unlessUnchanged, type ApiKeyTable, type MerchantTable, type PlatformDatabase, type PlatformTables, type WritesWith } from '../store/index.js';
import { newRecordId } from './tokens.js';

export const memberRoles = ['owner', 'admin', 'developer', 'viewer'] as const;
export type MemberRole = (typeof memberRoles)[number];

/** Operations an API key may be limited to; '*' allows all. */
export const apiKeyScopes = ['*', 'merchant:read', 'trades:read', 'trades:write', 'refunds:write', 'payouts:read', 'payouts:write', 'webhooks:write'] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

/** What a member acting for the merchant with their session may do, by role, as API key scopes. */
export const memberScopes: Readonly<Record<MemberRole, readonly ApiKeyScope[]>> = {
  owner: ['*'],
  admin: ['*'],
  developer: ['merchant:read', 'trades:read', 'trades:write', 'refunds:write', 'webhooks:write', 'payouts:read'],
  viewer: ['merchant:read', 'trades:read', 'payouts:read'],
};

export const merchantNameLengthMax = 100;
/** The merchant discount rate of a new merchant: 0.6%, as Alipay's standard rate. */
export const defaultFeeRateBasisPoints = 60;
/** How long a new merchant's direct trades stay refundable. */
export const defaultRefundWindowDays = 365;
export const apiKeysPerMerchantMax = 50;
/** Merchants and API keys kept in memory at most, where this process is the database's only writer. */
export const cachedMerchantsMax = 10_000;
export const cachedApiKeysMax = 10_000;

/** An API key as authentication needs it. */
interface KeyState {
  readonly key_id: string;
  readonly merchant_id: string;
  readonly scopes: string;
  readonly revoked_at: number | string | null;
}

export interface Merchant {
  readonly id: string;
  readonly name: string;
  readonly status: 'active' | 'frozen';
  readonly balanceAccountId: bigint;
  readonly feeRateBasisPoints: number;
  readonly refundWindowDays: number;
  readonly payoutSchedule: 'daily' | 'manual';
  readonly createdAt: Date;
}

export interface AuthenticatedKey {
  readonly merchant: Merchant;
  /** The API key's id, or `member:<user id>` for a member acting with their session. */
  readonly keyId: string;
  readonly scopes: readonly string[];
  /** The member's role, when a member acts with their session rather than a key. */
  readonly memberRole?: MemberRole;
  /** The member's user id, when a member acts with their session. */
  readonly memberUserId?: string;
}

/** A merchant a user is a member of, with their role there. */
export interface Membership {
  readonly merchant: Merchant;
  readonly role: MemberRole;
  readonly joinedAt: Date;
}

export interface MerchantPage<T> {
  readonly data: readonly T[];
  readonly hasMore: boolean;
}

export function toMerchant(row: MerchantTable): Merchant {
  return { id: row.id, name: row.name, status: row.status === 'frozen' ? 'frozen' : 'active', balanceAccountId: BigInt(row.balance_account_id), feeRateBasisPoints: Number(row.fee_rate_basis_points), refundWindowDays: Number(row.refund_window_days), payoutSchedule: row.payout_schedule === 'manual' ? 'manual' : 'daily', createdAt: new Date(Number(row.created_at)) };
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The queries of every merchant request, prepared once. */
function merchantQueries(db: Kysely<PlatformTables>) {
  return {
    merchant: prepareQuery(db, (id: string) => db.selectFrom('merchants').selectAll().where('id', '=', id)),
    membership: prepareQuery(db, (merchantId: string, userId: string) =>
      db
        .selectFrom('merchant_members')
        .innerJoin('merchants', 'merchants.id', 'merchant_members.merchant_id')
        .selectAll('merchants')
        .select(['merchant_members.role', 'merchant_members.created_at as joined_at'])
        .where('merchant_members.merchant_id', '=', merchantId)
        .where('merchant_members.user_id', '=', userId),
    ),
    key: prepareQuery(db, (secretHash: string) => db.selectFrom('api_keys').select(['id as key_id', 'merchant_id', 'scopes', 'revoked_at']).where('secret_hash', '=', secretHash)),
    keyOwner: prepareQuery(db, (secretHash: string) =>
      db.selectFrom('api_keys').innerJoin('merchants', 'merchants.id', 'api_keys.merchant_id').selectAll('merchants').select(['api_keys.id as key_id', 'api_keys.scopes', 'api_keys.revoked_at']).where('api_keys.secret_hash', '=', secretHash),
    ),
  };
}

export class MerchantService {
  private readonly db: Kysely<PlatformTables>;
  /** Merchants by id and API keys by secret hash: every merchant request reads both, and only this service writes them. */
  private readonly merchants: OwnedCache<string, MerchantTable>;
  private readonly keys: OwnedCache<string, KeyState>;

  constructor(
    private readonly platform: PlatformDatabase,
    private readonly clock: Clock,
  ) {
    this.db = platform.db;
    this.queries = merchantQueries(this.db);
    this.merchants = new OwnedCache(platform.exclusive, cachedMerchantsMax);
    this.keys = new OwnedCache(platform.exclusive, cachedApiKeysMax);
  }

  private readonly queries: ReturnType<typeof merchantQueries>;

  /** Creates a merchant whose balance account the wallet has opened; `ownerUserId` becomes its owner. */
  /** Makes a merchant owned by the user; `line`, given the merchant, is written with it (the command line's action line). */
  async createMerchant(ownerUserId: string, name: string, balanceAccountId: bigint, line?: (merchant: Merchant) => WritesWith): Promise<Merchant> {
    const now = this.clock.now().getTime();
    const row: MerchantTable = { id: newRecordId('mch'), name: name.trim(), status: 'active', balance_account_id: balanceAccountId.toString(), fee_rate_basis_points: defaultFeeRateBasisPoints, refund_window_days: defaultRefundWindowDays, payout_schedule: 'daily', created_at: now };
    await this.platform.writeTogether([
      this.db.insertInto('merchants').values(row),
      this.db.insertInto('merchant_members').values({ merchant_id: row.id, user_id: ownerUserId, role: 'owner', created_at: now }),
      ...(line === undefined ? [] : line(toMerchant(row))()),
    ]);
    return toMerchant(row);
  }

  async findMerchant(id: string): Promise<Merchant | undefined> {
    const row = await this.merchants.get(id, async () => (await this.queries.merchant(id)).rows[0]);
    return row === undefined ? undefined : toMerchant(row);
  }

  /** The merchant and the user's role there, if the user is a member. */
  async membership(merchantId: string, userId: string): Promise<Membership | undefined> {
    const [row] = (await this.queries.membership(merchantId, userId)).rows;
    return row === undefined ? undefined : { merchant: toMerchant(row), role: row.role as MemberRole, joinedAt: new Date(Number(row.joined_at)) };
  }

  /** A member acting for the merchant with their session: the merchant, with the scopes of the member's role. */
  async actAsMember(merchantId: string, userId: string): Promise<AuthenticatedKey | undefined> {
    const membership = await this.membership(merchantId, userId);
    if (membership === undefined) return undefined;
    return { merchant: membership.merchant, keyId: `member:${userId}`, scopes: memberScopes[membership.role], memberRole: membership.role, memberUserId: userId };
  }

  /** The merchants a user is a member of, the last joined first; undefined when `startingAfter` is not one of them. */
  async memberships(userId: string, limit: number, startingAfter?: string): Promise<MerchantPage<Membership> | undefined> {
    let query = this.db
      .selectFrom('merchant_members')
      .innerJoin('merchants', 'merchants.id', 'merchant_members.merchant_id')
      .selectAll('merchants')
      .select(['merchant_members.role', 'merchant_members.created_at as joined_at'])
      .where('merchant_members.user_id', '=', userId);
    if (startingAfter !== undefined) {
      const cursor = await this.membership(startingAfter, userId);
      if (cursor === undefined) return undefined;
      const joined = cursor.joinedAt.getTime();
      query = query.where((eb) => eb.or([eb('merchant_members.created_at', '<', joined), eb.and([eb('merchant_members.created_at', '=', joined), eb('merchant_members.merchant_id', '<', startingAfter)])]));
    }
    const rows = await query.orderBy('merchant_members.created_at', 'desc').orderBy('merchant_members.merchant_id', 'desc').limit(limit + 1).execute();
    return { data: rows.slice(0, limit).map((row) => ({ merchant: toMerchant(row), role: row.role as MemberRole, joinedAt: new Date(Number(row.joined_at)) })), hasMore: rows.length > limit };
  }

  /** Merchants, newest first: all, or the one whose id is `query` and those whose name holds it (ignoring case); undefined for an unknown cursor. */
  async searchMerchants(query: string | undefined, limit: number, startingAfter?: string): Promise<MerchantPage<Merchant> | undefined> {
    let select = this.db.selectFrom('merchants').selectAll();
    if (query !== undefined) select = select.where((eb) => eb.or([eb('id', '=', query), containsText('name', query)]));
    if (startingAfter !== undefined) {
      const [cursor] = (await this.queries.merchant(startingAfter)).rows;
      if (cursor === undefined) return undefined;
      select = select.where((eb) => eb.or([eb('created_at', '<', cursor.created_at), eb.and([eb('created_at', '=', cursor.created_at), eb('id', '<', cursor.id)])]));
    }
    const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    return { data: rows.slice(0, limit).map(toMerchant), hasMore: rows.length > limit };
  }

  /**
   * Freezes or unfreezes a merchant (an operator's decision): a frozen merchant's API keys and its
   * members acting for it are refused, the gateway refuses its apps, and no daily payout runs for it.
   */
  async setFrozen(merchantId: string, frozen: boolean, alsoWrite: WritesWith = noWrites): Promise<Merchant | undefined> {
    // `alsoWrite` goes with the change, and is not written when there is none (already so).
    const change = this.db.updateTable('merchants').set({ status: frozen ? 'frozen' : 'active' }).where('id', '=', merchantId).where('status', '=', frozen ? 'active' : 'frozen');
    await this.merchants.writing(merchantId, () => this.platform.writeTogether([{ query: change, expectRows: 1 }, ...alsoWrite()]).catch(unlessUnchanged));
    return this.findMerchant(merchantId);
  }

  /** Pays the merchant's balance out every day (T+1), or only when asked. */
  async setPayoutSchedule(merchantId: string, schedule: 'daily' | 'manual'): Promise<void> {
    await this.merchants.writing(merchantId, () => this.db.updateTable('merchants').set({ payout_schedule: schedule }).where('id', '=', merchantId).execute());
  }

  async role(merchantId: string, userId: string): Promise<MemberRole | undefined> {
    const row = await this.db.selectFrom('merchant_members').select('role').where('merchant_id', '=', merchantId).where('user_id', '=', userId).executeTakeFirst();
    return row?.role as MemberRole | undefined;
  }

  /** Adds a user to the merchant with a role, or changes their role; the owner stays the owner. */
  async setMember(merchantId: string, userId: string, role: Exclude<MemberRole, 'owner'>): Promise<'ok' | 'member_is_owner'> {
    const current = await this.role(merchantId, userId);
    if (current === 'owner') return 'member_is_owner';
    if (current === undefined) {
      await this.db.insertInto('merchant_members').values({ merchant_id: merchantId, user_id: userId, role, created_at: this.clock.now().getTime() }).execute();
    } else {
      await this.db.updateTable('merchant_members').set({ role }).where('merchant_id', '=', merchantId).where('user_id', '=', userId).execute();
    }
    return 'ok';
  }

  /** Takes a member's access away at once; the owner cannot be removed. */
  async removeMember(merchantId: string, userId: string): Promise<'ok' | 'member_is_owner' | 'not_a_member'> {
    const current = await this.role(merchantId, userId);
    if (current === undefined) return 'not_a_member';
    if (current === 'owner') return 'member_is_owner';
    await this.db.deleteFrom('merchant_members').where('merchant_id', '=', merchantId).where('user_id', '=', userId).where('role', '!=', 'owner').execute();
    return 'ok';
  }

  async members(merchantId: string): Promise<{ userId: string; role: MemberRole }[]> {
    const rows = await this.db.selectFrom('merchant_members').select(['user_id', 'role']).where('merchant_id', '=', merchantId).orderBy('created_at').execute();
    return rows.map((row) => ({ userId: row.user_id, role: row.role as MemberRole }));
  }

  /** A new secret key; the secret is in the answer once and never again. */
  async createApiKey(merchantId: string, scopes: readonly ApiKeyScope[]): Promise<{ readonly key: ApiKeyTable; readonly secret: string } | 'api_key_limit_reached'> {
    const live = await this.db.selectFrom('api_keys').select((eb) => eb.fn.countAll<number>().as('count')).where('merchant_id', '=', merchantId).where('revoked_at', 'is', null).executeTakeFirstOrThrow();
    if (Number(live.count) >= apiKeysPerMerchantMax) return 'api_key_limit_reached';
    const secret = `sk_${randomBytes(32).toString('base64url')}`;
    const key: ApiKeyTable = { id: newRecordId('key'), merchant_id: merchantId, prefix: secret.slice(0, 10), secret_hash: hashSecret(secret), scopes: scopes.join(','), created_at: this.clock.now().getTime(), revoked_at: null };
    await this.db.insertInto('api_keys').values(key).execute();
    return { key, secret };
  }

  async listApiKeys(merchantId: string): Promise<ApiKeyTable[]> {
    return this.db.selectFrom('api_keys').selectAll().where('merchant_id', '=', merchantId).orderBy('created_at', 'desc').execute();
  }

  /** Revokes a key of this merchant; false if it has no such key. */
  async revokeApiKey(merchantId: string, keyId: string): Promise<boolean> {
    // Keys are cached by their secret's hash, which the id does not give: all are forgotten.
    const result = await this.keys.writingAll(() => this.db.updateTable('api_keys').set({ revoked_at: this.clock.now().getTime() }).where('id', '=', keyId).where('merchant_id', '=', merchantId).where('revoked_at', 'is', null).executeTakeFirst());
    if (Number(result.numUpdatedRows) > 0) return true;
    return (await this.db.selectFrom('api_keys').select('id').where('id', '=', keyId).where('merchant_id', '=', merchantId).executeTakeFirst()) !== undefined;
  }

  /** The merchant a live secret key belongs to. The lookup is by hash: no secret is compared byte by byte. */
  async authenticateApiKey(secret: string): Promise<AuthenticatedKey | undefined> {
    const secretHash = hashSecret(secret);
    if (!this.keys.enabled) {
      // Nothing is cached: the key and its merchant in one query.
      const [row] = (await this.queries.keyOwner(secretHash)).rows;
      if (row === undefined || row.revoked_at !== null) return undefined;
      return { merchant: toMerchant(row), keyId: row.key_id, scopes: row.scopes.split(',') };
    }
    const key = await this.keys.get(secretHash, async () => (await this.queries.key(secretHash)).rows[0]);
    if (key === undefined || key.revoked_at !== null) return undefined;
    const merchant = await this.findMerchant(key.merchant_id);
    if (merchant === undefined) return undefined;
    return { merchant, keyId: key.key_id, scopes: key.scopes.split(',') };
  }
}
