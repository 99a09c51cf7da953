// The operators' action log: every change an operator makes to someone else's standing or money
// (freezing a user or merchant, verifying an identity, disabling an app, replaying a delivery,
// deciding a dispute; from the command line also depositing to a wallet, creating a user, an
// operator, a merchant or a gateway app, changing an app's key, and creating ledger accounts and transfers by
// hand) leaves a line saying who, what, to whom and when. The line is one of the
// change's own platform writes (`lineOf` gives the service that makes the change a way to make it,
// which the service calls as it writes the change, so the line's id and time are the write's), and
// the two are committed together or not at all. A change guarded by what it changes (a freeze of a
// user not frozen) writes no line when there was nothing to change. Lines are never changed or
// deleted by the platform. Admins read them.

import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { IdSource } from '../platform/ids.js';
import type { OperatorActionTable, PlatformTables, WritesWith } from '../store/index.js';

export const operatorActionTypes = ['user.freeze', 'user.unfreeze', 'user.verify', 'merchant.freeze', 'merchant.unfreeze', 'app.disable', 'webhook_delivery.replay', 'dispute.decide', 'wallet.deposit', 'user.create', 'operator.create', 'merchant.create', 'app.create', 'app.update', 'ledger.create_account', 'ledger.create_transfer'] as const;
export type OperatorActionType = (typeof operatorActionTypes)[number];

/** What a line names as the action's object: a user, a merchant, a gateway app, a delivery, a dispute, an operator, a ledger account or transfer (by id). */
export type OperatorActionTarget = 'user' | 'merchant' | 'app' | 'webhook_delivery' | 'dispute' | 'operator' | 'ledger_account' | 'ledger_transfer';

/**
 * Who acted, as a line names them when it was not an operator signed in to the console: the
 * command line, run with the database's own access, is named by the system user and the host
 * (`cli:root@pay-1`), since it has no operator's session.
 */
export function commandLineActor(systemUser: string, host: string): string {
  return `cli:${systemUser}@${host}`;
}

export interface OperatorActionInput {
  /** The operator's id, or commandLineActor(…) for the command line. */
  readonly operatorId: string;
  readonly action: OperatorActionType;
  readonly target: { readonly type: OperatorActionTarget; readonly id: string };
  /** The user or merchant whose standing the action touched, when it is not the target itself (an app's merchant). */
  readonly account?: string;
  /** What else the action said, as text, numbers or flags (a dispute's refund, the app's merchant). */
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface OperatorActionFilters {
  readonly operatorId?: string;
  readonly targetId?: string;
}

export class OperatorActionLog {
  constructor(
    private readonly db: Kysely<PlatformTables>,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  /** How to write the line of an action, with the action's own writes, when they are written. */
  lineOf(input: OperatorActionInput): WritesWith {
    return () => {
      const row: OperatorActionTable = {
        id: `oac_${this.ids.nextId().toString(16).padStart(32, '0')}`,
        operator_id: input.operatorId,
        action: input.action,
        target_type: input.target.type,
        target_id: input.target.id,
        account_id: input.account ?? (input.target.type === 'user' || input.target.type === 'merchant' ? input.target.id : null),
        details: JSON.stringify(input.details ?? {}),
        created_at: this.clock.now().getTime(),
      };
      return [this.db.insertInto('operator_actions').values(row)];
    };
  }

  /** Lines newest first, by operator and by target (or the account it belongs to); undefined for a cursor that is not a line. */
  async list(filters: OperatorActionFilters, limit: number, startingAfter?: string): Promise<{ data: OperatorActionTable[]; hasMore: boolean } | undefined> {
    let select = this.db.selectFrom('operator_actions').selectAll();
    if (filters.operatorId !== undefined) select = select.where('operator_id', '=', filters.operatorId);
    const targetId = filters.targetId;
    if (targetId !== undefined) select = select.where((eb) => eb.or([eb('target_id', '=', targetId), eb('account_id', '=', targetId)]));
    if (startingAfter !== undefined) {
      const cursor = await this.db.selectFrom('operator_actions').select('id').where('id', '=', startingAfter).executeTakeFirst();
      if (cursor === undefined) return undefined;
      // Ids are time-ordered: newest first is by id.
      select = select.where('id', '<', cursor.id);
    }
    const rows = await select.orderBy('id', 'desc').limit(limit + 1).execute();
    return { data: rows.slice(0, limit), hasMore: rows.length > limit };
  }
}
