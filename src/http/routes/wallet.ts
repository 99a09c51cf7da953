// The wallet's money movements: cards through the bank connector, top-ups from a card, and
// payments to other users by phone, email or user id, with the payment PIN.

import { Type } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IdentityService } from '../../identity/index.js';
import type { CardTable, WalletTransferTable } from '../../store/index.js';
import type { RequestKey, WalletOutcome, WalletService } from '../../wallet/index.js';
import { isoTime } from '../../platform/clock.js';
import { ApiError } from '../errors.js';
import { AmountSchema, CurrencySchema, readAmount, writeAmount } from '../money-fields.js';
import { requireUser } from '../plugins/authentication.js';
import { unwrap } from './identity.js';

const CardSchema = Type.Object({ id: Type.String(), object: Type.Literal('card'), brand: Type.String(), last4: Type.String(), created_at: Type.String({ format: 'date-time' }) });

/** The fields a money movement shows, whether as its own object or as a transaction in a list. */
export const movementFields = {
  id: Type.String(),
  amount: Type.String(),
  currency: Type.String(),
  status: Type.String(),
  failure_code: Type.Union([Type.String(), Type.Null()]),
  counterparty: Type.Union([Type.String(), Type.Null()]),
  card: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
};

const MovementSchema = Type.Object({
  ...movementFields,
  object: Type.Union([Type.Literal('transfer'), Type.Literal('top_up'), Type.Literal('withdrawal')]),
});

function cardBody(card: CardTable) {
  return { id: card.id, object: 'card' as const, brand: card.brand, last4: card.last4, created_at: isoTime(card.created_at) };
}

function movementBody(row: WalletTransferTable) {
  return {
    id: row.id,
    object: row.kind === 'top_up' ? ('top_up' as const) : row.kind === 'withdrawal' ? ('withdrawal' as const) : ('transfer' as const),
    amount: writeAmount(BigInt(row.amount), row.currency),
    currency: row.currency,
    status: row.status,
    failure_code: row.failure_code,
    counterparty: row.counterparty_user_id,
    card: row.card_id,
    note: row.note,
    created_at: isoTime(row.created_at),
  };
}

/** The request's idempotency key, scoped to its caller: the source of its records' and transfers' ids. */
function requestKey(request: FastifyRequest): RequestKey {
  const claim = request.idempotencyClaim;
  return claim === undefined ? undefined : `${claim.scope}\n${claim.key}`;
}

function valueOf<T>(outcome: WalletOutcome<T>, param: string | null): T {
  if (outcome.ok) return outcome.value;
  throw new ApiError(outcome.code, walletMessages[outcome.code], param);
}

const walletMessages: Record<Exclude<WalletOutcome<never>, { ok: true }>['code'], string> = {
  balance_insufficient: 'The balance is not enough for this payment.',
  balance_cap_exceeded: 'This would take the balance over the cap of its KYC tier; verify your identity to hold more.',
  daily_limit_exceeded: 'This would pass today\'s limit on money leaving the wallet for its KYC tier.',
  recipient_not_found: 'No user has this phone number, email address or id.',
  transfer_to_self: 'You cannot pay yourself.',
  card_not_found: 'No card of yours has this id.',
  card_number_invalid: 'The card number is not valid.',
  card_declined: 'The bank declined the charge.',
  card_insufficient_funds: 'The card has not enough funds.',
  bank_processing_error: 'The bank could not process the charge; try again later.',
};

export function registerWalletRoutes(app: FastifyInstance, identity: IdentityService, wallet: WalletService): void {
  app.post(
    '/v1/cards',
    {
      schema: {
        tags: ['wallet'],
        summary: 'Link a bank card (sandbox: 4242424242424242 succeeds, 4000000000000002 declines, 4000000000009995 lacks funds, 4000000000000119 fails in processing)',
        body: Type.Object({ number: Type.String({ maxLength: 23 }) }, { additionalProperties: false }),
        response: { 201: CardSchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const card = valueOf(await wallet.linkCard(user.id, (request.body as { number: string }).number, requestKey(request)), 'number');
      return reply.code(201).send(cardBody(card));
    },
  );

  app.get('/v1/cards', { schema: { tags: ['wallet'], summary: 'Your linked cards', response: { 200: Type.Object({ object: Type.Literal('list'), data: Type.Array(CardSchema), has_more: Type.Boolean() }) } } }, async (request) => {
    const user = requireUser(request);
    return { object: 'list' as const, data: (await wallet.listCards(user.id)).map(cardBody), has_more: false };
  });

  app.get('/v1/cards/:id', { schema: { tags: ['wallet'], summary: 'One of your cards', params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 200: CardSchema } } }, async (request) => {
    const user = requireUser(request);
    const card = await wallet.findCard(user.id, (request.params as { id: string }).id);
    if (card === undefined) throw new ApiError('resource_missing', 'No card of yours has this id.', 'id');
    return cardBody(card);
  });

  for (const [path, kind, what] of [
    ['/v1/transfers/:id', 'transfer', 'A payment you made or received'],
    ['/v1/topups/:id', 'top_up', 'One of your top-ups'],
    ['/v1/withdrawals/:id', 'withdrawal', 'One of your withdrawals'],
  ] as const) {
    app.get(path, { schema: { tags: ['wallet'], summary: what, params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 200: MovementSchema } } }, async (request) => {
      const user = requireUser(request);
      const movement = await wallet.findMovement(user.id, (request.params as { id: string }).id, kind);
      if (movement === undefined) throw new ApiError('resource_missing', 'Nothing of yours has this id.', 'id');
      return movementBody(movement);
    });
  }

  app.post(
    '/v1/topups',
    {
      schema: {
        tags: ['wallet'],
        summary: 'Top up the balance from a linked card',
        body: Type.Object({ card: Type.String({ maxLength: 64 }), amount: AmountSchema, currency: CurrencySchema }, { additionalProperties: false }),
        response: { 201: MovementSchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const body = request.body as { card: string; amount: string; currency: string };
      const amount = readAmount(body.amount, body.currency);
      const topUp = valueOf(await wallet.topUp(user, body.card, amount, requestKey(request)), 'card');
      return reply.code(201).send(movementBody(topUp));
    },
  );

  app.post(
    '/v1/withdrawals',
    {
      schema: {
        tags: ['wallet'],
        summary: 'Withdraw to a linked card, with the payment PIN: held, then posted when the bank pays out or released when it fails',
        body: Type.Object({ card: Type.String({ maxLength: 64 }), amount: AmountSchema, currency: CurrencySchema, pin: Type.String({ maxLength: 6 }) }, { additionalProperties: false }),
        response: { 201: MovementSchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const body = request.body as { card: string; amount: string; currency: string; pin: string };
      const amount = readAmount(body.amount, body.currency);
      unwrap(await identity.checkPin(user.id, body.pin), 'pin');
      const withdrawal = valueOf(await wallet.withdraw(user, body.card, amount, requestKey(request)), 'amount');
      return reply.code(201).send(movementBody(withdrawal));
    },
  );

  app.post(
    '/v1/transfers',
    {
      schema: {
        tags: ['wallet'],
        summary: 'Pay another user by phone, email or user id, with the payment PIN',
        body: Type.Object(
          { to: Type.String({ maxLength: 254 }), amount: AmountSchema, currency: CurrencySchema, note: Type.Optional(Type.String({ maxLength: 140 })), pin: Type.String({ maxLength: 6 }) },
          { additionalProperties: false },
        ),
        response: { 201: MovementSchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const body = request.body as { to: string; amount: string; currency: string; note?: string; pin: string };
      const amount = readAmount(body.amount, body.currency);
      const recipient = await identity.findUser(body.to);
      if (recipient === undefined) throw new ApiError('recipient_not_found', walletMessages.recipient_not_found, 'to');
      unwrap(await identity.checkPin(user.id, body.pin), 'pin');
      const payment = valueOf(await wallet.pay(user, recipient, amount, body.note ?? null, requestKey(request)), 'amount');
      return reply.code(201).send(movementBody(payment));
    },
  );
}
