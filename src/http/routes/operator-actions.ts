// The operators' action log (identity/operator-actions.ts), for admins: who froze, unfroze,
// verified, disabled, replayed or decided what, and what the command line deposited or created,
// and when; newest first, by operator or by target.

import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { operatorActionTypes } from '../../identity/index.js';
import { isoTime } from '../../platform/clock.js';
import type { Services } from '../../services.js';
import { ApiError } from '../errors.js';
import { requireOperator } from '../plugins/authentication.js';

const OperatorActionSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('operator_action'),
  operator: Type.String({ description: "The operator's id, or cli:<system user>@<host> for the command line" }),
  operator_email: Type.Union([Type.String(), Type.Null()]),
  action: Type.String({ description: `What was done: ${operatorActionTypes.join(', ')}` }),
  target: Type.Object({ type: Type.String({ description: 'user, merchant, app, webhook_delivery, dispute, operator, ledger_account or ledger_transfer' }), id: Type.String() }),
  details: Type.Record(Type.String(), Type.Unknown(), { description: 'What else the action said: the merchant of an app, a dispute’s refund_amount and currency, a deposit’s top_up, amount, currency and note, a new operator’s email and role, a new merchant’s name and owner, an app change’s public_key_given, a ledger transfer’s accounts and amount' }),
  created_at: Type.String({ format: 'date-time' }),
});

export function registerOperatorActionRoutes(app: FastifyInstance, services: Services): void {
  app.get(
    '/v1/operator/actions',
    {
      schema: {
        tags: ['operator'],
        summary: "What operators did to users, merchants, apps, deliveries and disputes, and what the CLI deposited, created or changed (merchants, apps, operators, ledger accounts and transfers), newest first; by operator, or by target (a user's or merchant's id also finds the actions on what is theirs, such as their apps) (admin)",
        querystring: Type.Object(
          {
            operator: Type.Optional(Type.String({ maxLength: 300, description: "An operator's id, or cli:<system user>@<host>" })),
            target: Type.Optional(Type.String({ maxLength: 64, description: 'A user, merchant, app, delivery, dispute, operator, ledger account or ledger transfer id' })),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
            starting_after: Type.Optional(Type.String({ maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ object: Type.Literal('list'), data: Type.Array(OperatorActionSchema), has_more: Type.Boolean() }) },
      },
    },
    async (request) => {
      requireOperator(request, 'actions:read');
      const query = request.query as { operator?: string; target?: string; limit: number; starting_after?: string };
      const found = await services.operatorActions.list({ ...(query.operator === undefined ? {} : { operatorId: query.operator }), ...(query.target === undefined ? {} : { targetId: query.target }) }, query.limit, query.starting_after);
      if (found === undefined) throw new ApiError('cursor_invalid', 'starting_after is not the id of an operator action.', 'starting_after');
      const operatorIds = [...new Set(found.data.map((row) => row.operator_id))];
      const emails = new Map(await Promise.all(operatorIds.map(async (id) => [id, (await services.operators.findOperator(id))?.email ?? null] as const)));
      return {
        object: 'list' as const,
        data: found.data.map((row) => ({
          id: row.id,
          object: 'operator_action' as const,
          operator: row.operator_id,
          operator_email: emails.get(row.operator_id) ?? null,
          action: row.action,
          target: { type: row.target_type, id: row.target_id },
          details: JSON.parse(row.details) as Record<string, unknown>,
          created_at: isoTime(row.created_at),
        })),
        has_more: found.hasMore,
      };
    },
  );
}
