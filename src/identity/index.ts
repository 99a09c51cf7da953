// The identity module's public surface.

export { IdentityService } from './identity-service.js';
export type { IdentityFailure, Outcome } from './identity-service.js';
export { RateLimiter } from './rate-limiter.js';
export { loadServerSecret } from './server-secrets.js';
export { newRecordId } from './tokens.js';
export { pinFailuresMax } from './pin.js';
export type { User } from './users.js';
