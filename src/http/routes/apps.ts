// Gateway apps and payment codes over the REST API: a merchant's owner or admin registers an app
// with its RSA public key and receives the app_id and the platform's public key, replaces the key
// (rotation, or a leak) and disables an app for good; a consumer gets a one-time payment code to
// show at a till.

import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { appNameLengthMax, appsPerMerchantMax, type AppChangeFailure } from '../../identity/index.js';
import { isoTime } from '../../platform/clock.js';
import type { Services } from '../../services.js';
import type { MerchantAppTable } from '../../store/index.js';
import { ApiError } from '../errors.js';
import { nameField } from '../validation.js';
import { requireUser } from '../plugins/authentication.js';
import { requireMember } from './merchants.js';

const AppSchema = Type.Object({
  app_id: Type.String(),
  object: Type.Literal('app'),
  name: Type.String(),
  status: Type.String(),
  app_public_key: Type.String({ description: "The app's public key, as registered (PEM)" }),
  platform_public_key: Type.String({ description: "Zhifu's public key (PEM): the client verifies the gateway's answers with it (alipayPublicKey in Alipay's SDKs)" }),
  created_at: Type.String({ format: 'date-time' }),
});

const PublicKeyField = Type.String({ minLength: 1, maxLength: 4096, description: 'PEM, or the bare base64 that key tools print' });

/** The answer to a refused change of an app. */
function appRefused(code: AppChangeFailure, appId: string): ApiError {
  if (code === 'app_not_found') return new ApiError('resource_missing', `No app ${appId}.`, 'app_id');
  if (code === 'app_disabled') return new ApiError('app_disabled', `App ${appId} is disabled: it cannot be changed.`, 'app_id');
  return publicKeyInvalid();
}

function publicKeyInvalid(): ApiError {
  return new ApiError('public_key_invalid', 'public_key must be an RSA public key of 2048 bits or more, as PEM or base64.', 'public_key');
}

export function registerAppRoutes(app: FastifyInstance, services: Services): void {
  const params = Type.Object({ merchant: Type.String({ maxLength: 64 }) });
  const appBody = (row: MerchantAppTable) => ({ app_id: row.app_id, object: 'app' as const, name: row.name, status: row.status, app_public_key: row.public_key, platform_public_key: services.gatewayKeys.publicKeyPem, created_at: isoTime(row.created_at) });

  app.post(
    '/v1/merchants/:merchant/apps',
    {
      schema: {
        tags: ['gateway'],
        summary: "Register an app for the Alipay-compatible gateway with its RSA public key (2048 bits or more); answers its app_id and the platform's public key. Owners and admins only",
        params,
        body: Type.Object({ name: nameField(appNameLengthMax), public_key: PublicKeyField }, { additionalProperties: false }),
        response: { 201: AppSchema },
      },
    },
    async (request, reply) => {
      const merchant = await requireMember(services, request, ['owner', 'admin'], { change: true });
      const body = request.body as { name: string; public_key: string };
      const created = await services.apps.createApp(merchant.id, body.name, body.public_key);
      if (!created.ok) {
        if (created.code === 'public_key_invalid') throw publicKeyInvalid();
        throw new ApiError('app_limit_reached', `This merchant has the most active apps allowed (${appsPerMerchantMax}); disable one first.`);
      }
      return reply.code(201).send(appBody(created.app));
    },
  );

  app.get(
    '/v1/merchants/:merchant/apps',
    { schema: { tags: ['gateway'], summary: "The merchant's gateway apps", params, response: { 200: Type.Object({ object: Type.Literal('list'), data: Type.Array(AppSchema), has_more: Type.Boolean() }) } } },
    async (request) => {
      const merchant = await requireMember(services, request, ['owner', 'admin', 'developer']);
      return { object: 'list' as const, data: (await services.apps.listApps(merchant.id)).map(appBody), has_more: false };
    },
  );

  const appParams = Type.Object({ merchant: Type.String({ maxLength: 64 }), app_id: Type.String({ maxLength: 32 }) });

  app.get(
    '/v1/merchants/:merchant/apps/:app_id',
    { schema: { tags: ['gateway'], summary: 'One of the merchant\'s gateway apps', params: appParams, response: { 200: AppSchema } } },
    async (request) => {
      const merchant = await requireMember(services, request, ['owner', 'admin', 'developer']);
      const { app_id: appId } = request.params as { app_id: string };
      const found = await services.apps.merchantApp(merchant.id, appId);
      if (found === undefined) throw appRefused('app_not_found', appId);
      return appBody(found);
    },
  );

  app.post(
    '/v1/merchants/:merchant/apps/:app_id',
    {
      schema: {
        tags: ['gateway'],
        summary: "Rename an app or replace its public key (a rotation, or a key that leaked): from this answer on, the gateway verifies the app's requests with the new key only. Owners and admins only",
        params: appParams,
        body: Type.Object({ name: Type.Optional(nameField(appNameLengthMax)), public_key: Type.Optional(PublicKeyField) }, { additionalProperties: false, minProperties: 1 }),
        response: { 200: AppSchema },
      },
    },
    async (request) => {
      const merchant = await requireMember(services, request, ['owner', 'admin'], { change: true });
      const { app_id: appId } = request.params as { app_id: string };
      const body = request.body as { name?: string; public_key?: string };
      const updated = await services.apps.updateApp(merchant.id, appId, { ...(body.name === undefined ? {} : { name: body.name }), ...(body.public_key === undefined ? {} : { publicKey: body.public_key }) });
      if (!updated.ok) throw appRefused(updated.code, appId);
      return appBody(updated.app);
    },
  );

  app.post(
    '/v1/merchants/:merchant/apps/:app_id/disable',
    {
      schema: {
        tags: ['gateway'],
        summary: "Disable an app for good: the gateway refuses its requests (isv.invalid-app-id), and its trades' notifications still waiting are dropped. Disabling it again changes nothing. Owners and admins only",
        params: appParams,
        response: { 200: AppSchema },
      },
    },
    async (request) => {
      const merchant = await requireMember(services, request, ['owner', 'admin'], { change: true });
      const { app_id: appId } = request.params as { app_id: string };
      const disabled = await services.apps.disableApp(merchant.id, appId);
      if (!disabled.ok) throw appRefused(disabled.code, appId);
      return appBody(disabled.app);
    },
  );

  app.post(
    '/v1/payment_codes',
    {
      schema: {
        tags: ['wallet'],
        summary: 'A one-time payment code to show at a till (barcode or QR): valid for a minute and once, for payments up to 2000.00',
        response: { 201: Type.Object({ object: Type.Literal('payment_code'), code: Type.String(), expires_at: Type.String({ format: 'date-time' }) }) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      if (user.status === 'frozen') throw new ApiError('user_frozen', 'This account is frozen.');
      const created = await services.paymentCodes.create(user.id);
      return reply.code(201).send({ object: 'payment_code' as const, code: created.code, expires_at: created.expiresAt.toISOString() });
    },
  );
}
