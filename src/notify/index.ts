// The notify module's public surface: the outbox products write to, webhook endpoints and their
// deliveries, and the signature scheme receivers verify.

export { newEventId, outboxWrite } from './outbox.js';
export type { OutboxEvent } from './outbox.js';
export { newWebhookSecret, signatureHeader, signatureToleranceSeconds, signWebhook, verifyWebhook } from './signature.js';
export type { SignatureCheck } from './signature.js';
export { deliveriesInFlightMax, deliveryStatuses, endpointsPerMerchantMax, eventBody, retryDelaysSeconds, validHttpUrl, webhookAttemptsMax, WebhookService } from './webhooks.js';
export type { DeliveryOverview, DeliveryStatus, DeliveryWithAttempts, WebhookFailure } from './webhooks.js';
export type { ReplayFailure, ReplayResult } from './delivery-replay.js';
export { signedText, signRsa2, verifyRsa2 } from './alipay-signing.js';
export { alipayTime, alipayTimeValue } from './alipay-time.js';
export { internalAddress, notifyTargetAllowed } from './targets.js';
export { appDisabledError, appOfTarget, appTarget } from './app-targets.js';
