// The operator API: operators sign in and act within their role: look up users (support, risk,
// admin), freeze or unfreeze them and verify their identity (risk, admin); look up merchants with
// their members and gateway apps (every role), freeze or unfreeze them and disable an app of theirs
// (risk, admin). The console's lists are in operator-console.ts.

import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { permissionsOf } from '../../identity/index.js';
import { ApiError } from '../errors.js';
import { nameField } from '../validation.js';
import { writeAmount } from '../money-fields.js';
import { isoTime } from '../../platform/clock.js';
import type { MerchantAppTable } from '../../store/index.js';
import { consoleHeaderName, operatorCookieToken, requireOperator, setSessionCookie } from '../plugins/authentication.js';
import { UserSchema, unwrap, userBody } from './identity.js';
import { merchantBody, MerchantSchema } from './merchants.js';

const UserDetailSchema = Type.Object({ ...UserSchema.properties, balance: Type.Object({ available: Type.String(), pending: Type.String(), currency: Type.String() }) });

/** A merchant's gateway app as operators see it: what it is and whether it works, not its keys. */
const OperatorAppSchema = Type.Object({ app_id: Type.String(), object: Type.Literal('app'), name: Type.String(), status: Type.String({ description: 'active or disabled' }), created_at: Type.String({ format: 'date-time' }) });

const OperatorMerchantSchema = Type.Object({
  ...MerchantSchema.properties,
  members: Type.Array(Type.Object({ user: Type.String(), role: Type.String() })),
  apps: Type.Array(OperatorAppSchema, { description: 'Its gateway apps, newest first' }),
});

function operatorAppBody(row: MerchantAppTable) {
  return { app_id: row.app_id, object: 'app' as const, name: row.name, status: row.status, created_at: isoTime(row.created_at) };
}

const OperatorProfileSchema = Type.Object({ id: Type.String(), email: Type.String(), role: Type.String(), permissions: Type.Array(Type.String(), { description: 'What the role may do (the console shows only these)' }) });

export function registerOperatorRoutes(app: FastifyInstance, services: Services): void {
  app.get(
    '/v1/operator/session',
    {
      schema: {
        tags: ['operator'],
        summary: "Whether this request is signed in as an operator, and who: a plain answer (200) either way, so that the console opened in a new tab picks up the browser's session",
        response: { 200: Type.Object({ object: Type.Literal('operator_session_status'), signed_in: Type.Boolean(), operator: Type.Union([OperatorProfileSchema, Type.Null()]) }) },
      },
    },
    async (request) => {
      const operator = request.operator;
      return { object: 'operator_session_status' as const, signed_in: operator !== undefined, operator: operator === undefined ? null : { ...operator, permissions: permissionsOf(operator) } };
    },
  );

  app.post(
    '/v1/operator/sessions',
    {
      schema: {
        tags: ['operator'],
        summary: 'Sign in as an operator',
        body: Type.Object({ email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 128 }) }, { additionalProperties: false }),
        response: {
          201: Type.Object({
            object: Type.Literal('operator_session'),
            token: Type.Optional(Type.String({ description: 'The session token, for API clients; left out for the console (Zhifu-Console), which holds the session only in its HttpOnly cookie' })),
            expires_at: Type.String({ format: 'date-time' }),
            operator: OperatorProfileSchema,
          }),
        },
      },
    },
    async (request, reply) => {
      const body = request.body as { email: string; password: string };
      const session = await services.operators.signIn(body.email, body.password, request.ip);
      if (typeof session === 'string') {
        throw new ApiError(session === 'sign_in_rate_limited' ? 'sign_in_rate_limited' : 'credentials_invalid', session === 'sign_in_rate_limited' ? 'Too many sign-in attempts.' : 'The email or the password is wrong.');
      }
      // The console's cookie: the session this browser held before ends now, rather than at its expiry.
      const previous = operatorCookieToken(request);
      if (previous !== undefined && (await services.operators.authenticate(previous)) !== undefined) await services.identity.signOut(previous);
      setSessionCookie(reply, session.token, session.expiresAt, 'operator');
      const forConsole = request.headers[consoleHeaderName] !== undefined;
      return reply.code(201).send({ object: 'operator_session' as const, ...(forConsole ? {} : { token: session.token }), expires_at: session.expiresAt.toISOString(), operator: { ...session.operator, permissions: permissionsOf(session.operator) } });
    },
  );

  const userDetail = async (id: string) => {
    const user = await services.identity.findUser(id);
    if (user === undefined) throw new ApiError('resource_missing', `No user ${id}.`, 'user');
    const balance = await services.wallet.balance(user.balanceAccountId);
    return { ...userBody(user), balance: { available: writeAmount(balance.available, 'CNY'), pending: writeAmount(balance.pending, 'CNY'), currency: 'CNY' } };
  };
  const params = Type.Object({ user: Type.String({ maxLength: 254 }) });

  app.get('/v1/operator/users/:user', { schema: { tags: ['operator'], summary: 'A user by id, phone or email (support, risk, admin)', params, response: { 200: UserDetailSchema } } }, async (request) => {
    requireOperator(request, 'users:read');
    return userDetail((request.params as { user: string }).user);
  });

  app.get(
    '/v1/operator/merchants/:merchant',
    {
      schema: {
        tags: ['operator'],
        summary: 'A merchant with its members and gateway apps (support, risk, finance, admin)',
        params: Type.Object({ merchant: Type.String({ maxLength: 64 }) }),
        response: { 200: OperatorMerchantSchema },
      },
    },
    async (request) => {
      requireOperator(request, 'merchants:read');
      const id = (request.params as { merchant: string }).merchant;
      const merchant = await services.merchants.findMerchant(id);
      if (merchant === undefined) throw new ApiError('resource_missing', `No merchant ${id}.`, 'merchant');
      const balance = await services.wallet.balance(merchant.balanceAccountId);
      return {
        ...merchantBody(merchant, balance),
        members: (await services.merchants.members(merchant.id)).map((member) => ({ user: member.userId, role: member.role })),
        apps: (await services.apps.listApps(merchant.id)).map(operatorAppBody),
      };
    },
  );

  app.post(
    '/v1/operator/merchants/:merchant/apps/:app_id/disable',
    {
      schema: {
        tags: ['operator'],
        summary:
          "Disable a merchant's gateway app for good (a leaked key, abuse): the gateway refuses it, its waiting notifications fail and no more are made; disabling a disabled app changes nothing (risk, admin)",
        params: Type.Object({ merchant: Type.String({ maxLength: 64 }), app_id: Type.String({ maxLength: 32 }) }),
        response: { 200: OperatorAppSchema },
      },
    },
    async (request) => {
      const operator = requireOperator(request, 'merchants:freeze');
      const { merchant, app_id: appId } = request.params as { merchant: string; app_id: string };
      if ((await services.merchants.findMerchant(merchant)) === undefined) throw new ApiError('resource_missing', `No merchant ${merchant}.`, 'merchant');
      const line = services.operatorActions.lineOf({ operatorId: operator.id, action: 'app.disable', target: { type: 'app', id: appId }, account: merchant, details: { merchant } });
      const disabled = await services.apps.disableApp(merchant, appId, line);
      if (!disabled.ok) throw new ApiError('resource_missing', `No app ${appId} of merchant ${merchant}.`, 'app_id');
      return operatorAppBody(disabled.app);
    },
  );

  for (const [action, frozen] of [['freeze', true], ['unfreeze', false]] as const) {
    app.post(`/v1/operator/users/:user/${action}`, { schema: { tags: ['operator'], summary: `${action === 'freeze' ? 'Freeze' : 'Unfreeze'} a user: a frozen user cannot sign in or pay (risk, admin)`, params, response: { 200: UserDetailSchema } } }, async (request) => {
      const operator = requireOperator(request, 'users:freeze');
      const user = await services.identity.findUser((request.params as { user: string }).user);
      if (user === undefined) throw new ApiError('resource_missing', 'No such user.', 'user');
      await services.identity.setFrozen(user.id, frozen, services.operatorActions.lineOf({ operatorId: operator.id, action: frozen ? 'user.freeze' : 'user.unfreeze', target: { type: 'user', id: user.id } }));
      return userDetail(user.id);
    });
  }

  app.post(
    '/v1/operator/users/:user/verify',
    {
      schema: {
        tags: ['operator'],
        summary: "Verify a user's identity from documents the operator checked: the verified KYC tier, through the same identity check as POST /v1/me/verification (risk, admin)",
        params,
        body: Type.Object({ name: nameField(64), id_number: Type.String({ maxLength: 18 }) }, { additionalProperties: false }),
        response: { 200: UserDetailSchema },
      },
    },
    async (request) => {
      const operator = requireOperator(request, 'users:verify');
      const user = await services.identity.findUser((request.params as { user: string }).user);
      if (user === undefined) throw new ApiError('resource_missing', 'No such user.', 'user');
      const body = request.body as { name: string; id_number: string };
      // The line names who verified, not the identity number itself.
      const line = services.operatorActions.lineOf({ operatorId: operator.id, action: 'user.verify', target: { type: 'user', id: user.id } });
      unwrap(await services.identity.verifyIdentity(user.id, body.name, body.id_number, line), 'id_number');
      return userDetail(user.id);
    },
  );

  const merchantParams = Type.Object({ merchant: Type.String({ maxLength: 64 }) });
  for (const [action, frozen] of [['freeze', true], ['unfreeze', false]] as const) {
    app.post(
      `/v1/operator/merchants/:merchant/${action}`,
      {
        schema: {
          tags: ['operator'],
          summary: `${action === 'freeze' ? 'Freeze' : 'Unfreeze'} a merchant: a frozen merchant's API keys and members cannot act for it, its gateway apps are refused and it is not paid out (risk, admin)`,
          params: merchantParams,
          response: { 200: MerchantSchema },
        },
      },
      async (request) => {
        const operator = requireOperator(request, 'merchants:freeze');
        const id = (request.params as { merchant: string }).merchant;
        const line = services.operatorActions.lineOf({ operatorId: operator.id, action: frozen ? 'merchant.freeze' : 'merchant.unfreeze', target: { type: 'merchant', id } });
        const merchant = (await services.merchants.findMerchant(id)) === undefined ? undefined : await services.merchants.setFrozen(id, frozen, line);
        if (merchant === undefined) throw new ApiError('resource_missing', `No merchant ${id}.`, 'merchant');
        return merchantBody(merchant, await services.wallet.balance(merchant.balanceAccountId));
      },
    );
  }
}
