// The identity module's public surface.

export { IdentityService } from './identity-service.js';
export type { IdentityFailure, Outcome } from './identity-service.js';
export { RateLimiter } from './rate-limiter.js';
export { loadServerSecret } from './server-secrets.js';
export { newRecordId } from './tokens.js';
export { pinFailuresMax } from './pin.js';
export type { User } from './users.js';
export { MerchantService, apiKeyScopes, memberRoles, memberScopes, merchantNameLengthMax } from './merchants.js';
export type { ApiKeyScope, AuthenticatedKey, MemberRole, Membership, Merchant, MerchantPage } from './merchants.js';
export { commandLineActor, OperatorActionLog, operatorActionTypes } from './operator-actions.js';
export type { OperatorActionInput, OperatorActionTarget, OperatorActionType } from './operator-actions.js';
export { OperatorService, may, operatorPermissions, operatorRoles, permissionsOf } from './operators.js';
export type { Operator, OperatorFailure, OperatorPermission, OperatorRole } from './operators.js';
export { appKeyBitsMin, appNameLengthMax, appsPerMerchantMax, loadGatewayKeys, MerchantAppService, normalizePublicKey } from './apps.js';
export type { AppChangeFailure, AppFailure, GatewayKeys } from './apps.js';
