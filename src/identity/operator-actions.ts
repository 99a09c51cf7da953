// The operators' action log: every change an operator makes to someone else's standing or money
// (freezing a user or merchant, verifying an identity, disabling an app, replaying a delivery,
// deciding a dispute) leaves a line saying who, what, to whom and when. The line is one of the
// change's own writes (`entry` gives it to the service that makes the change), so the change and
// its line are committed together or not at all: there is no change without its line and no line
// without its change. Lines are never changed or deleted by the platform. Admins read them.

import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { IdSource } from '../platform/ids.js';
import type { OperatorActionTable, PlatformTables, PlatformWrite } from '../store/index.js';

export const operatorActionTypes = ['user.freeze', 'user.unfreeze', 'user.verify', 'merchant.freeze', 'merchant.unfreeze', 'app.disable', 'webhook_delivery.replay', 'dispute.decide'] as const;
export type OperatorActionType = (typeof operatorActionTypes)[number];

/** What a line names as the action's object: a user, a merchant, a gateway app, a delivery, a dispute. */
export type OperatorActionTarget = 'user' | 'merchant' | 'app' | 'webhook_delivery' | 'dispute';

export interface OperatorActionInput {
  readonly operatorId: string;
  readonly action: OperatorActionType;
  readonly target: { readonly type: OperatorActionTarget; readonly id: string };
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

  /** The line of an action, as a write to commit with the action's own writes. */
  entry(input: OperatorActionInput): PlatformWrite {
    const row: OperatorActionTable = {
      id: `oac_${this.ids.nextId().toString(16).padStart(32, '0')}`,
      operator_id: input.operatorId,
      action: input.action,
      target_type: input.target.type,
      target_id: input.target.id,
      details: JSON.stringify(input.details ?? {}),
      created_at: this.clock.now().getTime(),
    };
    return this.db.insertInto('operator_actions').values(row);
  }

  /** Lines newest first, by operator and by target; undefined for a cursor that is not a line. */
  async list(filters: OperatorActionFilters, limit: number, startingAfter?: string): Promise<{ data: OperatorActionTable[]; hasMore: boolean } | undefined> {
    let select = this.db.selectFrom('operator_actions').selectAll();
    if (filters.operatorId !== undefined) select = select.where('operator_id', '=', filters.operatorId);
    if (filters.targetId !== undefined) select = select.where('target_id', '=', filters.targetId);
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
