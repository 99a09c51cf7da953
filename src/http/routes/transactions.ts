// GET /v1/transactions: one list across top-ups, withdrawals, payments in and out, and trades paid
// and refunded, newest first, by cursor; GET /v1/statements/{month}.csv: the month's statement.

import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Ledger } from '../../store/index.js';
import { buildStatement, monthBounds, transactionKinds, type Transaction, type TransactionKind, type TransactionList } from '../../wallet/index.js';
import { ApiError } from '../errors.js';
import { writeAmount } from '../money-fields.js';
import { requireUser } from '../plugins/authentication.js';
import { movementFields } from './wallet.js';

export const pageSizeMax = 100;
export const pageSizeDefault = 10;

const TransactionSchema = Type.Object({
  ...movementFields,
  object: Type.Literal('transaction'),
  id: Type.String({ description: "A top-up's, withdrawal's or payment's id; for a trade payment or refund, `ltr_` and its ledger transfer id" }),
  type: Type.String({ enum: [...transactionKinds] }),
  amount: Type.String({ description: 'Signed: negative when money left the wallet.' }),
  counterparty: Type.Union([Type.String(), Type.Null()], { description: 'The other user of a payment, or the merchant of a trade payment or refund' }),
  trade: Type.Union([Type.Object({ id: Type.String(), subject: Type.String(), merchant_name: Type.String() }), Type.Null()], { description: 'The trade of a trade payment or refund, with the merchant\'s name; null otherwise' }),
});

function transactionBody(transaction: Transaction) {
  const trade = transaction.trade;
  return {
    id: transaction.id,
    object: 'transaction' as const,
    type: transaction.kind,
    amount: writeAmount(transaction.signedAmount, transaction.currency),
    currency: transaction.currency,
    status: transaction.status,
    failure_code: transaction.failureCode,
    counterparty: transaction.counterparty,
    card: transaction.card,
    note: transaction.note,
    trade: trade === null ? null : { id: trade.id, subject: trade.subject, merchant_name: trade.merchantName },
    created_at: new Date(transaction.createdAt).toISOString(),
  };
}

export function registerTransactionRoutes(app: FastifyInstance, transactions: TransactionList, ledger: Ledger): void {
  app.get(
    '/v1/transactions',
    {
      schema: {
        tags: ['wallet'],
        summary: 'Your money movements, newest first',
        querystring: Type.Object(
          {
            limit: Type.Integer({ minimum: 1, maximum: pageSizeMax, default: pageSizeDefault }),
            starting_after: Type.Optional(Type.String({ maxLength: 64, description: 'The last id of the previous page' })),
            type: Type.Optional(Type.String({ maxLength: 80, description: `Comma list of: ${transactionKinds.join(', ')}` })),
            created_gte: Type.Optional(Type.String({ format: 'date-time' })),
            created_lt: Type.Optional(Type.String({ format: 'date-time' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ object: Type.Literal('list'), data: Type.Array(TransactionSchema), has_more: Type.Boolean() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const query = request.query as { limit: number; starting_after?: string; type?: string; created_gte?: string; created_lt?: string };
      const kinds = query.type?.split(',').map((kind) => kind.trim());
      const unknown = kinds?.find((kind) => !(transactionKinds as readonly string[]).includes(kind));
      if (unknown !== undefined) throw new ApiError('parameter_invalid', `Unknown transaction type "${unknown}"; use ${transactionKinds.join(', ')}.`, 'type');
      const page = await transactions.list(user, {
        limit: query.limit,
        ...(query.starting_after === undefined ? {} : { startingAfter: query.starting_after }),
        ...(kinds === undefined ? {} : { kinds: kinds as TransactionKind[] }),
        ...(query.created_gte === undefined ? {} : { createdFrom: Date.parse(query.created_gte) }),
        ...(query.created_lt === undefined ? {} : { createdBefore: Date.parse(query.created_lt) }),
      });
      if (!page.ok) throw new ApiError('cursor_invalid', 'starting_after is not the id of one of your transactions.', 'starting_after');
      return { object: 'list' as const, data: page.data.map(transactionBody), has_more: page.hasMore };
    },
  );

  app.get(
    '/v1/statements/:file',
    {
      schema: {
        tags: ['wallet'],
        summary: 'A month\'s statement as CSV, e.g. /v1/statements/2026-11.csv (months in China Standard Time)',
        params: Type.Object({ file: Type.String({ maxLength: 16 }) }),
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const file = (request.params as { file: string }).file;
      const month = /^(\d{4}-\d{2})\.csv$/.exec(file)?.[1];
      const bounds = month === undefined ? undefined : monthBounds(month);
      if (month === undefined || bounds === undefined) throw new ApiError('month_invalid', `"${file}" is not a month: use YYYY-MM.csv.`, 'month');
      const csv = await buildStatement(transactions, ledger, user, month, bounds);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="zhifu-statement-${month}.csv"`)
        .send(csv);
    },
  );
}
