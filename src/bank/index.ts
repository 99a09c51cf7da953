// The bank module's public surface.

export type { BankConnector, CardCheck, ChargeOutcome, PayoutOutcome } from './bank-connector.js';
export { SandboxBank, sandboxCards } from './sandbox-bank.js';
