// What each operator role may do, as the API decides it (src/identity/operators.ts): the console
// hides what the role may not do, and the API refuses it anyway.

import type { OperatorRole } from './types.js';

const permissions = {
  'users:read': ['support', 'risk', 'admin'],
  'users:freeze': ['risk', 'admin'],
  'users:verify': ['risk', 'admin'],
  'merchants:read': ['support', 'risk', 'finance', 'admin'],
  'merchants:freeze': ['risk', 'admin'],
  'ledger:read': ['finance', 'risk', 'admin'],
  'jobs:read': ['support', 'admin'],
  'webhooks:read': ['support', 'admin'],
  'webhooks:replay': ['support', 'admin'],
  'disputes:read': ['support', 'risk', 'admin'],
  'disputes:decide': ['risk', 'admin'],
  'test_clocks:manage': ['support', 'risk', 'admin'],
} as const satisfies Record<string, readonly OperatorRole[]>;

export type Permission = keyof typeof permissions;

export function roleMay(role: OperatorRole, permission: Permission): boolean {
  return (permissions[permission] as readonly OperatorRole[]).includes(role);
}
