// Merchants over the API: a signed-in user creates a merchant and becomes its owner; members see
// it and manage its secret API keys (shown once); a key authenticates the merchant's own calls.
// Anyone else asking for a merchant or its keys gets 404, as if it did not exist.

import { Type } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { apiKeyScopes, merchantNameLengthMax, type ApiKeyScope, type MemberRole, type Merchant } from '../../identity/index.js';
import type { ApiKeyTable } from '../../store/index.js';
import { AccountCode, type Balance } from '../../wallet/index.js';
import type { Services } from '../../services.js';
import { ApiError } from '../errors.js';
import { nameField } from '../validation.js';
import { BalanceSchema, balanceBody } from '../money-fields.js';
import { requireApiKey, requireUser, merchantRoute } from '../plugins/authentication.js';

export const MerchantSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('merchant'),
  name: Type.String(),
  status: Type.String({ description: 'active, or frozen by an operator: its API keys and members cannot act for it' }),
  balance: BalanceSchema,
  created_at: Type.String({ format: 'date-time' }),
});

/** A merchant in answers, with the balance of its account. */
export function merchantBody(merchant: Merchant, balance: Balance) {
  return { id: merchant.id, object: 'merchant' as const, name: merchant.name, status: merchant.status, balance: balanceBody(balance), created_at: merchant.createdAt.toISOString() };
}

const ApiKeySchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('api_key'),
  prefix: Type.String(),
  scopes: Type.Array(Type.String()),
  status: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
  secret: Type.Optional(Type.String({ description: 'Only in the answer that creates the key.' })),
});

function keyBody(key: ApiKeyTable, secret?: string) {
  return {
    id: key.id,
    object: 'api_key' as const,
    prefix: key.prefix,
    scopes: key.scopes.split(','),
    status: key.revoked_at === null ? 'active' : 'revoked',
    created_at: new Date(Number(key.created_at)).toISOString(),
    ...(secret === undefined ? {} : { secret }),
  };
}

/** The members who may list the merchant's API keys (and see their prefixes on trade timelines). */
export const apiKeyReaders: readonly MemberRole[] = ['owner', 'admin', 'developer'];

/**
 * The merchant named in the path, if the signed-in user is a member with one of the roles; 404 for
 * others. A change (`change: true`: members, keys, apps, the payout account and schedule) is
 * refused while the merchant is frozen, as its API keys and members acting for it are; reading,
 * revoking a key and leaving stay open.
 */
export async function requireMember(services: Services, request: FastifyRequest, roles: readonly MemberRole[], { change = false } = {}): Promise<Merchant> {
  const user = requireUser(request);
  const id = (request.params as { merchant: string }).merchant;
  const membership = await services.merchants.membership(id, user.id);
  if (membership === undefined) throw new ApiError('resource_missing', `No merchant ${id}.`, 'merchant');
  if (!roles.includes(membership.role)) throw new ApiError('permission_denied', `Your role at this merchant (${membership.role}) may not do this.`);
  if (change && membership.merchant.status === 'frozen') throw new ApiError('merchant_frozen', `The merchant ${id} is frozen: it cannot be changed. Contact support.`);
  return membership.merchant;
}

export function registerMerchantRoutes(app: FastifyInstance, services: Services): void {
  const merchantWithBalance = async (merchant: Merchant) => merchantBody(merchant, await services.wallet.balance(merchant.balanceAccountId));

  const params = Type.Object({ merchant: Type.String({ maxLength: 64 }) });

  app.post(
    '/v1/merchants',
    {
      schema: {
        tags: ['merchants'],
        summary: 'Create a merchant; you become its owner',
        body: Type.Object({ name: nameField(merchantNameLengthMax) }, { additionalProperties: false }),
        response: { 201: MerchantSchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const balanceAccountId = await services.wallet.openBalanceAccount(AccountCode.merchantBalance);
      const merchant = await services.merchants.createMerchant(user.id, (request.body as { name: string }).name, balanceAccountId);
      return reply.code(201).send(await merchantWithBalance(merchant));
    },
  );

  app.get('/v1/merchants/:merchant', { schema: { tags: ['merchants'], summary: 'A merchant you are a member of', params, response: { 200: MerchantSchema } } }, async (request) => {
    return merchantWithBalance(await requireMember(services, request, ['owner', 'admin', 'developer', 'viewer']));
  });

  const MembersSchema = Type.Object({ object: Type.Literal('list'), data: Type.Array(Type.Object({ user: Type.String(), role: Type.String() })), has_more: Type.Boolean() });
  const membersBody = async (merchantId: string) => ({ object: 'list' as const, data: (await services.merchants.members(merchantId)).map((member) => ({ user: member.userId, role: member.role })), has_more: false });

  app.get('/v1/merchants/:merchant/members', { schema: { tags: ['merchants'], summary: "The merchant's members and their roles", params, response: { 200: MembersSchema } } }, async (request) => {
    return membersBody((await requireMember(services, request, ['owner', 'admin', 'developer', 'viewer'])).id);
  });

  app.post(
    '/v1/merchants/:merchant/members',
    {
      schema: {
        tags: ['merchants'],
        summary: 'Add a user (by id, phone or email) as admin, developer or viewer, or change their role; owners and admins only',
        params,
        body: Type.Object({ user: Type.String({ maxLength: 254 }), role: Type.Union([Type.Literal('admin'), Type.Literal('developer'), Type.Literal('viewer')]) }, { additionalProperties: false }),
        response: { 200: MembersSchema },
      },
    },
    async (request) => {
      const merchant = await requireMember(services, request, ['owner', 'admin'], { change: true });
      const body = request.body as { user: string; role: 'admin' | 'developer' | 'viewer' };
      const user = await services.identity.findUser(body.user);
      if (user === undefined) throw new ApiError('resource_missing', `No user ${body.user}.`, 'user');
      if ((await services.merchants.setMember(merchant.id, user.id, body.role)) === 'member_is_owner') throw new ApiError('permission_denied', "The owner's role cannot be changed.", 'user');
      return membersBody(merchant.id);
    },
  );

  app.delete(
    '/v1/merchants/:merchant/members/:user',
    { schema: { tags: ['merchants'], summary: 'Remove a member (not the owner); owners and admins only, or members leaving themselves', params: Type.Object({ merchant: Type.String({ maxLength: 64 }), user: Type.String({ maxLength: 64 }) }), response: { 200: MembersSchema } } },
    async (request) => {
      const userId = (request.params as { user: string }).user;
      const self = requireUser(request).id === userId;
      const merchant = await requireMember(services, request, self ? ['owner', 'admin', 'developer', 'viewer'] : ['owner', 'admin']);
      const removed = await services.merchants.removeMember(merchant.id, userId);
      if (removed === 'not_a_member') throw new ApiError('resource_missing', `No member ${userId}.`, 'user');
      if (removed === 'member_is_owner') throw new ApiError('permission_denied', 'The owner cannot be removed.', 'user');
      return membersBody(merchant.id);
    },
  );

  app.get('/v1/merchant', { config: merchantRoute, schema: { tags: ['merchants'], summary: "The API key's own merchant", response: { 200: MerchantSchema } } }, async (request) => {
    return merchantWithBalance(requireApiKey(request, 'merchant:read').merchant);
  });

  app.post(
    '/v1/merchants/:merchant/api_keys',
    {
      schema: {
        tags: ['merchants'],
        summary: 'Create a secret API key (the secret is shown once); owners and admins only',
        params,
        body: Type.Object({ scopes: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { minItems: 1, maxItems: apiKeyScopes.length })) }, { additionalProperties: false }),
        response: { 201: ApiKeySchema },
      },
    },
    async (request, reply) => {
      const merchant = await requireMember(services, request, ['owner', 'admin'], { change: true });
      const scopes = (request.body as { scopes?: string[] }).scopes ?? ['*'];
      const unknown = scopes.find((scope) => !(apiKeyScopes as readonly string[]).includes(scope));
      if (unknown !== undefined) throw new ApiError('api_key_scope_invalid', `Unknown scope "${unknown}"; use ${apiKeyScopes.join(', ')}.`, 'scopes');
      const created = await services.merchants.createApiKey(merchant.id, scopes as ApiKeyScope[]);
      if (created === 'api_key_limit_reached') throw new ApiError('api_key_limit_reached', 'This merchant has the most live keys allowed; revoke one first.');
      return reply.code(201).send(keyBody(created.key, created.secret));
    },
  );

  app.get(
    '/v1/merchants/:merchant/api_keys',
    { schema: { tags: ['merchants'], summary: "The merchant's API keys, without their secrets", params, response: { 200: Type.Object({ object: Type.Literal('list'), data: Type.Array(ApiKeySchema), has_more: Type.Boolean() }) } } },
    async (request) => {
      const merchant = await requireMember(services, request, apiKeyReaders);
      return { object: 'list' as const, data: (await services.merchants.listApiKeys(merchant.id)).map((key) => keyBody(key)), has_more: false };
    },
  );

  app.delete(
    '/v1/merchants/:merchant/api_keys/:key',
    { schema: { tags: ['merchants'], summary: 'Revoke an API key at once', params: Type.Object({ merchant: Type.String({ maxLength: 64 }), key: Type.String({ maxLength: 64 }) }) } },
    async (request, reply) => {
      const merchant = await requireMember(services, request, ['owner', 'admin']);
      const keyId = (request.params as { key: string }).key;
      if (!(await services.merchants.revokeApiKey(merchant.id, keyId))) throw new ApiError('resource_missing', `No API key ${keyId}.`, 'key');
      return reply.code(204).send();
    },
  );
}
