// The platform's operators: staff with roles (support, risk, finance, admin), created from the CLI,
// signing in like users, and allowed what their role needs.

import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { OperatorTable, PlatformDatabase, PlatformTables, WritesWith } from '../store/index.js';
import { hashPassword, passwordLengthMin, verifyPassword } from './passwords.js';
import type { RateLimiter } from './rate-limiter.js';
import { openSession, sessionLive } from './sessions.js';
import { hashToken, newRecordId } from './tokens.js';
import { normalizeEmail } from './users.js';

export const operatorRoles = ['support', 'risk', 'finance', 'admin'] as const;
export type OperatorRole = (typeof operatorRoles)[number];

/** What each role may do; admin may do everything. */
export const operatorPermissions = {
  'users:read': ['support', 'risk', 'admin'],
  'users:freeze': ['risk', 'admin'],
  'users:verify': ['risk', 'admin'],
  'merchants:read': ['support', 'risk', 'finance', 'admin'],
  'merchants:freeze': ['risk', 'admin'],
  'ledger:read': ['finance', 'risk', 'admin'],
  'jobs:read': ['support', 'admin'],
  'webhooks:read': ['support', 'admin'],
  'webhooks:replay': ['support', 'admin'],
  'disputes:read': ['support', 'risk', 'admin'],
  'disputes:decide': ['risk', 'admin'],
  'test_clocks:manage': ['support', 'risk', 'admin'],
  'actions:read': ['admin'],
} as const satisfies Record<string, readonly OperatorRole[]>;
export type OperatorPermission = keyof typeof operatorPermissions;

/** Operator sessions last a working day. */
export const operatorSessionMilliseconds = 12 * 60 * 60 * 1000;

export interface Operator {
  readonly id: string;
  readonly email: string;
  readonly role: OperatorRole;
}

export type OperatorFailure = 'email_invalid' | 'password_invalid' | 'email_taken' | 'role_invalid' | 'credentials_invalid' | 'sign_in_rate_limited';

/** Everything the operator's role allows, for the console to show only what will be allowed. */
export function permissionsOf(operator: Operator): OperatorPermission[] {
  return (Object.keys(operatorPermissions) as OperatorPermission[]).filter((permission) => may(operator, permission));
}

export function may(operator: Operator, permission: OperatorPermission): boolean {
  return (operatorPermissions[permission] as readonly OperatorRole[]).includes(operator.role);
}

function toOperator(row: OperatorTable): Operator {
  return { id: row.id, email: row.email, role: row.role as OperatorRole };
}

export class OperatorService {
  private readonly db: Kysely<PlatformTables>;

  constructor(
    private readonly platform: PlatformDatabase,
    private readonly clock: Clock,
    private readonly limiter: RateLimiter,
  ) {
    this.db = platform.db;
  }

  /** Creates an operator; `line`, given the operator, is written in the same transaction (the command line's action line). */
  async createOperator(email: string, password: string, role: string, line?: (operator: Operator) => WritesWith): Promise<Operator | OperatorFailure> {
    const normalized = normalizeEmail(email);
    if (normalized === undefined) return 'email_invalid';
    if (password.length < Math.max(passwordLengthMin, 12)) return 'password_invalid';
    if (!(operatorRoles as readonly string[]).includes(role)) return 'role_invalid';
    if (await this.db.selectFrom('operators').select('id').where('email', '=', normalized).executeTakeFirst()) return 'email_taken';
    const row: OperatorTable = { id: newRecordId('op'), email: normalized, password_hash: await hashPassword(password), role, created_at: this.clock.now().getTime() };
    await this.platform.writeTogether([this.db.insertInto('operators').values(row), ...(line === undefined ? [] : line(toOperator(row))())]);
    return toOperator(row);
  }

  async signIn(email: string, password: string, address: string): Promise<{ token: string; operator: Operator; expiresAt: Date } | OperatorFailure> {
    const hit = await this.limiter.hit(`operator-sign-in:${normalizeEmail(email) ?? email}`, { limit: 10, windowMilliseconds: 15 * 60 * 1000 });
    const byAddress = await this.limiter.hit(`operator-sign-in:address:${address}`, { limit: 50, windowMilliseconds: 15 * 60 * 1000 });
    if (!hit.allowed || !byAddress.allowed) return 'sign_in_rate_limited';
    const row = await this.db.selectFrom('operators').selectAll().where('email', '=', normalizeEmail(email) ?? '').executeTakeFirst();
    if (row === undefined || !(await verifyPassword(password, row.password_hash))) return 'credentials_invalid';
    const session = await openSession(this.db, row.id, this.clock.now().getTime(), operatorSessionMilliseconds);
    return { ...session, operator: toOperator(row) };
  }

  async authenticate(token: string): Promise<Operator | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('operators', 'operators.id', 'sessions.user_id')
      .selectAll('operators')
      .select(['sessions.expires_at', 'sessions.revoked_at'])
      .where('sessions.token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (row === undefined || !sessionLive(row, this.clock.now().getTime())) return undefined;
    return toOperator(row);
  }

  async findOperator(id: string): Promise<Operator | undefined> {
    const row = await this.db.selectFrom('operators').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toOperator(row);
  }
}
