// POST /gateway.do: the Alipay-compatible open API. Official client SDKs send the common
// parameters in the query string and the rest form-encoded in the body; both are read. The request
// is checked in Alipay's order (app, method, signature type, signature, timestamp, parameters) and
// every answer, failures included, is `{"<method>_response":{…},"sign":…}` signed with the
// platform's key (`error_response` while the method is not known), always with HTTP 200.

import { Type } from 'typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../services.js';
import { answerText, failureBody, GatewayError, invalid, missing, responseKeyOf, successBody, type GatewayFailure } from './answers.js';
import { gatewayMethods } from './methods.js';
import { alipayTimeValue, notifyTargetAllowed, signedText, signRsa2, validHttpUrl, verifyRsa2 } from '../notify/index.js';

export const gatewayBodyBytesMax = 64 * 1024;
/**
 * How far a request's timestamp may be from the gateway's clock. Alipay's SDKs stamp requests with
 * the local time of the machine they run on, in whatever time zone it is, so the time is read as
 * wall-clock time in any zone from UTC−12 to UTC+14, with 15 minutes of drift: a request from a
 * day ago is refused. (Money is protected by the signature and by out_trade_no / out_request_no,
 * which make a replayed request change nothing.)
 */
const minuteMilliseconds = 60 * 1000;
const driftMilliseconds = 15 * minuteMilliseconds;
/** The earliest and latest wall-clock offsets from UTC accepted: UTC−12 and UTC+14, each ±15 minutes. */
export const timestampOffsetMinMilliseconds = -12 * 60 * minuteMilliseconds - driftMilliseconds;
export const timestampOffsetMaxMilliseconds = 14 * 60 * minuteMilliseconds + driftMilliseconds;

export function registerGateway(app: FastifyInstance, services: Services, publicUrl: string | undefined): void {
  void app.register(async (gateway) => {
    gateway.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: gatewayBodyBytesMax }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    const sign = (text: string) => signRsa2(text, services.gatewayKeys.privateKey);
    const answer = (reply: FastifyReply, responseKey: string, body: Record<string, unknown>) =>
      reply.code(200).header('content-type', 'application/json; charset=utf-8').send(answerText(responseKey, body, sign));
    gateway.setErrorHandler((error, request, reply) => {
      request.log.error({ err: error }, 'gateway request failed');
      return answer(reply, 'error_response', failureBody({ code: '20000', subCode: 'ACQ.SYSTEM_ERROR', subMessage: 'The request could not be handled; try again.' }));
    });

    gateway.post(
      '/gateway.do',
      {
        schema: {
          tags: ['gateway'],
          summary: 'Alipay-compatible open API (form-encoded, RSA2-signed): alipay.trade.precreate, create, pay, query, refund, fastpay.refund.query, close, cancel — see docs/gateway.md',
          consumes: ['application/x-www-form-urlencoded'],
          body: Type.Optional(Type.Record(Type.String(), Type.String())),
        },
      },
      async (request, reply) => {
        const parameters = { ...(request.query as Record<string, string>), ...((request.body as Record<string, string> | undefined) ?? {}) };
        const method = parameters.method;
        const methodKnown = method !== undefined && Object.hasOwn(gatewayMethods, method);
        const responseKey = methodKnown ? responseKeyOf(method) : 'error_response';
        try {
          return answer(reply, responseKey, successBody(await handle(services, parameters, request, publicUrl)));
        } catch (error) {
          if (!(error instanceof GatewayError)) throw error;
          return answer(reply, responseKey, failureBody(error.failure satisfies GatewayFailure));
        }
      },
    );
  });
}

async function handle(services: Services, parameters: Record<string, string>, request: FastifyRequest, publicUrl: string | undefined): Promise<Record<string, unknown>> {
  const present = (name: string) => parameters[name] !== undefined && parameters[name] !== '';
  if (!present('app_id')) throw missing('app_id', 'isv.missing-app-id');
  if (!present('method')) throw missing('method', 'isv.missing-method');
  if (!Object.hasOwn(gatewayMethods, parameters.method!)) throw invalid('isv.invalid-method', `Unknown method ${parameters.method}.`);
  const run = gatewayMethods[parameters.method!]!;
  if (!present('sign_type')) throw missing('sign_type', 'isv.missing-signature-type');
  if (parameters.sign_type !== 'RSA2') throw invalid('isv.invalid-signature-type', 'sign_type must be RSA2.');
  if (!present('sign')) throw missing('sign', 'isv.missing-signature');
  const app = await services.apps.findApp(parameters.app_id!);
  if (app === undefined || app.status !== 'active') throw invalid('isv.invalid-app-id', 'No active app has this app_id.');
  if (!verifyRsa2(signedText(parameters), parameters.sign!, app.public_key)) throw invalid('isv.invalid-signature', 'The signature does not match the parameters and the app\'s public key.');
  if (!present('timestamp')) throw missing('timestamp', 'isv.missing-timestamp');
  const sentAt = alipayTimeValue(parameters.timestamp!);
  if (sentAt === undefined) throw invalid('isv.invalid-timestamp', 'timestamp must be yyyy-MM-dd HH:mm:ss (China Standard Time).');
  // alipayTimeValue reads the text as China Standard Time; as wall-clock time in UTC it is 8 hours later.
  const offset = sentAt + 8 * 60 * 60 * 1000 - services.clock.now().getTime();
  if (offset < timestampOffsetMinMilliseconds || offset > timestampOffsetMaxMilliseconds) throw invalid('isv.invalid-timestamp', 'timestamp is too far from the current time in any time zone.');
  if (!present('version')) throw missing('version', 'isv.missing-version');
  if (parameters.version !== '1.0') throw invalid('isv.invalid-version', 'version must be 1.0.');
  if (present('charset') && parameters.charset!.toLowerCase() !== 'utf-8') throw invalid('isv.invalid-charset', 'charset must be utf-8.');
  if (present('format') && parameters.format!.toUpperCase() !== 'JSON') throw invalid('isv.invalid-format', 'format must be JSON.');
  let biz: unknown = {};
  if (present('biz_content')) {
    try {
      biz = JSON.parse(parameters.biz_content!);
    } catch {
      throw invalid('isv.invalid-parameter', 'biz_content is not JSON.');
    }
  }
  if (biz === null || typeof biz !== 'object' || Array.isArray(biz)) throw invalid('isv.invalid-parameter', 'biz_content must be a JSON object.');
  if (present('notify_url') && !(validHttpUrl(parameters.notify_url!) && notifyTargetAllowed(parameters.notify_url!, services.mode === 'sandbox'))) {
    throw invalid('isv.invalid-parameter', 'notify_url must be an http(s) URL of at most 2,048 characters, on a public address.');
  }
  const merchant = await services.merchants.findMerchant(app.merchant_id);
  if (merchant === undefined || merchant.status !== 'active') throw invalid('isv.invalid-app-id', "The app's merchant cannot take payments.");
  return run({
    services,
    merchant,
    appId: app.app_id,
    notifyUrl: present('notify_url') ? parameters.notify_url : undefined,
    biz: biz as Record<string, unknown>,
    payPageOrigin: publicUrl ?? `${request.protocol}://${request.host}`,
  });
}

