// The bank module's public surface.

export type { BankConnector, CardCheck, ChargeOutcome } from './bank-connector.js';
export { SandboxBank, sandboxCards } from './sandbox-bank.js';
