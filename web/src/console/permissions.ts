// The operator permissions the console asks about. What each role may do is the API's decision
// (src/identity/operators.ts): the sign-in answer lists the operator's permissions, the console
// hides what is not among them, and the API refuses it anyway.

export type Permission =
  | 'users:read'
  | 'users:freeze'
  | 'users:verify'
  | 'merchants:read'
  | 'merchants:freeze'
  | 'ledger:read'
  | 'jobs:read'
  | 'webhooks:read'
  | 'webhooks:replay'
  | 'disputes:read'
  | 'disputes:decide'
  | 'test_clocks:manage'
  | 'actions:read';
