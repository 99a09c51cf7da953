// Sign-up, sign-in, sessions and the payment PIN. Outcomes are values with stable codes; the HTTP
// layer turns them into answers.

import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import { KeyedQueue } from '../platform/keyed-queue.js';
import { OwnedCache } from '../platform/owned-cache.js';
import { noWrites, prepareQuery, startsWithText, unlessUnchanged, type PlatformDatabase, type PlatformTables, type UserTable, type WritesWith } from '../store/index.js';
import { hashPassword, passwordLengthMax, passwordLengthMin, verifyPassword } from './passwords.js';
import { hashPin, pinFailuresMax, pinLockMilliseconds, pinMatches, pinPattern } from './pin.js';
import type { RateLimiter } from './rate-limiter.js';
import { openSession, sessionLive } from './sessions.js';
import { hashToken, newRecordId, sessionLifetimeMilliseconds } from './tokens.js';
import { residentIdValid } from './resident-id.js';
import { normalizeEmail, normalizePhone, parseIdentifier, toUser, type User } from './users.js';

export type IdentityFailure =
  | 'phone_invalid'
  | 'email_invalid'
  | 'identifier_missing'
  | 'password_invalid'
  | 'phone_taken'
  | 'email_taken'
  | 'credentials_invalid'
  | 'sign_in_rate_limited'
  | 'pin_invalid'
  | 'pin_not_set'
  | 'pin_incorrect'
  | 'pin_locked'
  | 'user_frozen'
  | 'identity_check_failed';

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: IdentityFailure; readonly retryAfterSeconds?: number };

/** Sign-in attempts per identifier and per client address, per 15 minutes. */
export const signInAttemptsPerIdentifierMax = 10;
export const signInAttemptsPerAddressMax = 100;
const signInWindowMilliseconds = 15 * 60 * 1000;

// Checked against when the user does not exist, so that a miss takes as long as a wrong password.
const absentUserHash = hashPassword('not a real password');

/** Users and sessions kept in memory at most, where this process is the database's only writer. */
export const cachedUsersMax = 50_000;
export const cachedSessionsMax = 100_000;

/** A session as authentication needs it. */
interface SessionState {
  readonly user_id: string;
  readonly expires_at: number | string;
  readonly revoked_at: number | string | null;
}

const fail = <T>(code: IdentityFailure, retryAfterSeconds?: number): Outcome<T> => ({ ok: false, code, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });

export class IdentityService {
  private readonly pinChecks = new KeyedQueue();
  private readonly db: Kysely<PlatformTables>;
  /** Users by id and sessions by token hash: every payment reads both, and only this service writes them. */
  private readonly users: OwnedCache<string, UserTable>;
  private readonly sessions: OwnedCache<string, SessionState>;

  constructor(
    private readonly platform: PlatformDatabase,
    private readonly clock: Clock,
    private readonly pinKey: Buffer,
    private readonly limiter: RateLimiter,
    /** Sign-in attempts allowed from one client address per 15 minutes (raise it behind a shared NAT). */
    private readonly signInAttemptsPerAddress: number = signInAttemptsPerAddressMax,
  ) {
    this.db = platform.db;
    this.queries = identityQueries(this.db);
    this.users = new OwnedCache(platform.exclusive, cachedUsersMax);
    this.sessions = new OwnedCache(platform.exclusive, cachedSessionsMax);
  }

  private readonly queries: ReturnType<typeof identityQueries>;

  /** Checks a sign-up before anything is created for it. */
  async checkSignUp(input: { phone?: string; email?: string; password: string }): Promise<Outcome<{ phone: string | null; email: string | null }>> {
    if (input.phone === undefined && input.email === undefined) return fail('identifier_missing');
    const phone = input.phone === undefined ? null : (normalizePhone(input.phone) ?? false);
    if (phone === false) return fail('phone_invalid');
    const email = input.email === undefined ? null : (normalizeEmail(input.email) ?? false);
    if (email === false) return fail('email_invalid');
    if (input.password.length < passwordLengthMin || input.password.length > passwordLengthMax) return fail('password_invalid');
    if (phone !== null && (await this.db.selectFrom('users').select('id').where('phone', '=', phone).executeTakeFirst())) return fail('phone_taken');
    if (email !== null && (await this.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst())) return fail('email_taken');
    return { ok: true, value: { phone, email } };
  }

  /** Creates a user whose balance account the wallet has opened. */
  /** Signs a consumer up; `line`, given the user, is written with the row (the command line's action line). */
  async signUp(input: { phone?: string; email?: string; password: string }, balanceAccountId: bigint, line?: (user: User) => WritesWith): Promise<Outcome<User>> {
    const checked = await this.checkSignUp(input);
    if (!checked.ok) return checked;
    const row = {
      id: newRecordId('usr'),
      phone: checked.value.phone,
      email: checked.value.email,
      password_hash: await hashPassword(input.password),
      pin_hash: null,
      pin_failures: 0,
      pin_locked_until: 0,
      kyc_tier: 'unverified',
      legal_name: null,
      status: 'active',
      balance_account_id: balanceAccountId.toString(),
      created_at: this.clock.now().getTime(),
    };
    try {
      await this.platform.writeTogether([this.db.insertInto('users').values(row), ...(line === undefined ? [] : line(toUser(row))())]);
    } catch (error) {
      // Two sign-ups with the same identifier at once: the database's unique index decides.
      if (isUniqueViolation(error)) return fail(checked.value.phone !== null ? 'phone_taken' : 'email_taken');
      throw error;
    }
    return { ok: true, value: toUser(row) };
  }

  async signIn(identifier: string, password: string, address: string): Promise<Outcome<{ token: string; user: User; expiresAt: Date }>> {
    const parsed = parseIdentifier(identifier);
    const window = { windowMilliseconds: signInWindowMilliseconds };
    for (const [key, limit] of [[`sign-in:address:${address}`, this.signInAttemptsPerAddress], [`sign-in:identifier:${parsed?.value ?? identifier}`, signInAttemptsPerIdentifierMax]] as const) {
      const hit = await this.limiter.hit(key, { ...window, limit });
      if (!hit.allowed) return fail('sign_in_rate_limited', hit.retryAfterSeconds);
    }
    const row = parsed === undefined ? undefined : await this.db.selectFrom('users').selectAll().where(parsed.column, '=', parsed.value).executeTakeFirst();
    const matches = await verifyPassword(password, row?.password_hash ?? (await absentUserHash));
    if (row === undefined || !matches) return fail('credentials_invalid');
    if (row.status === 'frozen') return fail('user_frozen');
    const session = await openSession(this.db, row.id, this.clock.now().getTime(), sessionLifetimeMilliseconds);
    return { ok: true, value: { ...session, user: toUser(row) } };
  }

  async signOut(token: string): Promise<void> {
    const tokenHash = hashToken(token);
    await this.sessions.writing(tokenHash, () => this.db.updateTable('sessions').set({ revoked_at: this.clock.now().getTime() }).where('token_hash', '=', tokenHash).execute());
  }

  /** The user a session token belongs to, if the session is live and the user exists. */
  async authenticate(token: string): Promise<User | undefined> {
    const now = this.clock.now().getTime();
    const tokenHash = hashToken(token);
    if (!this.sessions.enabled) {
      // Nothing is cached: the session and its user in one query.
      const [row] = (await this.queries.sessionUser(tokenHash)).rows;
      return row === undefined || !sessionLive(row, now) ? undefined : toUser(row);
    }
    const session = await this.sessions.get(tokenHash, async () => (await this.queries.session(tokenHash)).rows[0]);
    if (session === undefined || !sessionLive(session, now)) return undefined;
    const row = await this.userRow(session.user_id);
    return row === undefined ? undefined : toUser(row);
  }

  async findUser(identifier: string): Promise<User | undefined> {
    const parsed = parseIdentifier(identifier);
    if (parsed === undefined) return undefined;
    const row = parsed.column === 'id' ? await this.userRow(parsed.value) : (await this.queries.userBy[parsed.column](parsed.value)).rows[0];
    return row === undefined ? undefined : toUser(row);
  }

  /** A user's row, from memory where this process is the only writer. */
  private userRow(userId: string): Promise<UserTable | undefined> {
    return this.users.get(userId, async () => (await this.queries.userBy.id(userId)).rows[0]);
  }

  /**
   * Users, newest first: all, or the one whose id is `query` and those whose phone or email starts
   * with it (ignoring case); undefined when `startingAfter` is not a user.
   */
  async listUsers(query: string | undefined, limit: number, startingAfter?: string): Promise<{ readonly data: User[]; readonly hasMore: boolean } | undefined> {
    let select = this.db.selectFrom('users').selectAll();
    if (query !== undefined) {
      // Phones are kept without spaces or dashes (normalizePhone).
      const phone = query.replace(/[\s-]/g, '');
      select = select.where((eb) => eb.or([eb('id', '=', query), startsWithText('email', query.trim()), ...(phone === '' ? [] : [startsWithText('phone', phone)])]));
    }
    if (startingAfter !== undefined) {
      const [cursor] = (await this.queries.userBy.id(startingAfter)).rows;
      if (cursor === undefined) return undefined;
      select = select.where((eb) => eb.or([eb('created_at', '<', cursor.created_at), eb.and([eb('created_at', '=', cursor.created_at), eb('id', '<', cursor.id)])]));
    }
    const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    return { data: rows.slice(0, limit).map(toUser), hasMore: rows.length > limit };
  }

  /** Sets or changes the payment PIN; the account password confirms it is the owner. */
  async setPin(userId: string, pin: string, password: string): Promise<Outcome<void>> {
    if (!pinPattern.test(pin)) return fail('pin_invalid');
    const row = await this.db.selectFrom('users').select(['password_hash']).where('id', '=', userId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(password, row.password_hash))) return fail('credentials_invalid');
    await this.users.writing(userId, () => this.db.updateTable('users').set({ pin_hash: hashPin(this.pinKey, userId, pin), pin_failures: 0, pin_locked_until: 0 }).where('id', '=', userId).execute());
    return { ok: true, value: undefined };
  }

  /**
   * Freezes or unfreezes a user: a frozen user cannot sign in or pay (an operator's decision).
   * `alsoWrite` goes with the change, and is not written when there is none (already so).
   */
  async setFrozen(userId: string, frozen: boolean, alsoWrite: WritesWith = noWrites): Promise<User | undefined> {
    const change = this.db.updateTable('users').set({ status: frozen ? 'frozen' : 'active' }).where('id', '=', userId).where('status', '=', frozen ? 'active' : 'frozen');
    await this.users.writing(userId, () => this.platform.writeTogether([{ query: change, expectRows: 1 }, ...alsoWrite()]).catch(unlessUnchanged));
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    return row === undefined ? undefined : toUser(row);
  }

  /** Verifies the user's identity (sandbox check: a well-formed resident id), raising their KYC tier. */
  async verifyIdentity(userId: string, name: string, idNumber: string, alsoWrite: WritesWith = noWrites): Promise<Outcome<User>> {
    const legalName = name.trim();
    if (legalName.length === 0 || !residentIdValid(idNumber.trim().toUpperCase())) return fail('identity_check_failed');
    await this.users.writing(userId, () => this.platform.writeTogether([this.db.updateTable('users').set({ kyc_tier: 'verified', legal_name: legalName }).where('id', '=', userId), ...alsoWrite()]));
    return { ok: true, value: toUser(await this.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow()) };
  }

  /**
   * Checks the PIN of an outgoing payment; five wrong PINs in a row lock payments for an hour.
   * Checks for one user run one at a time in this process, and a wrong PIN is counted by an atomic
   * increment, so guesses sent all at once are counted like guesses sent one by one.
   */
  checkPin(userId: string, pin: string): Promise<Outcome<void>> {
    return this.pinChecks.run(userId, () => this.checkPinNow(userId, pin));
  }

  private async checkPinNow(userId: string, pin: string): Promise<Outcome<void>> {
    const now = this.clock.now().getTime();
    const row = await this.userRow(userId);
    if (row === undefined) throw new Error(`identity: no user ${userId}`);
    if (row.status === 'frozen') return fail('user_frozen');
    if (row.pin_hash === null) return fail('pin_not_set');
    if (Number(row.pin_locked_until) > now) return fail('pin_locked', Math.ceil((Number(row.pin_locked_until) - now) / 1000));
    if (pinPattern.test(pin) && pinMatches(this.pinKey, userId, pin, row.pin_hash)) {
      if (Number(row.pin_failures) > 0) await this.users.writing(userId, () => this.db.updateTable('users').set({ pin_failures: 0 }).where('id', '=', userId).execute());
      return { ok: true, value: undefined };
    }
    const counted = await this.users.writing(userId, () =>
      this.db
        .updateTable('users')
        .set((eb) => ({ pin_failures: eb('pin_failures', '+', 1) }))
        .where('id', '=', userId)
        .returning('pin_failures')
        .executeTakeFirstOrThrow(),
    );
    if (Number(counted.pin_failures) < pinFailuresMax) return fail('pin_incorrect');
    await this.users.writing(userId, () => this.db.updateTable('users').set({ pin_failures: 0, pin_locked_until: now + pinLockMilliseconds }).where('id', '=', userId).execute());
    return fail('pin_locked', pinLockMilliseconds / 1000);
  }
}

/** The queries of every payment, prepared once. */
function identityQueries(db: Kysely<PlatformTables>) {
  const userBy = (column: 'id' | 'phone' | 'email') => prepareQuery(db, (value: string) => db.selectFrom('users').selectAll().where(column, '=', value));
  return {
    session: prepareQuery(db, (tokenHash: string) => db.selectFrom('sessions').select(['user_id', 'expires_at', 'revoked_at']).where('token_hash', '=', tokenHash)),
    sessionUser: prepareQuery(db, (tokenHash: string) =>
      db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id').selectAll('users').select(['sessions.expires_at', 'sessions.revoked_at']).where('sessions.token_hash', '=', tokenHash),
    ),
    userBy: { id: userBy('id'), phone: userBy('phone'), email: userBy('email') },
  };
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
