// What a member's role lets them do in the dashboard, as the API decides it (memberScopes on the
// server): pages hide what the role may not do, so that normal use makes no refused requests.

import type { MemberRole } from './types.js';

export type Scope = 'merchant:read' | 'trades:read' | 'trades:write' | 'refunds:write' | 'payouts:read' | 'payouts:write' | 'webhooks:write';

const roleScopes: Readonly<Record<MemberRole, readonly Scope[] | '*'>> = {
  owner: '*',
  admin: '*',
  developer: ['merchant:read', 'trades:read', 'trades:write', 'refunds:write', 'webhooks:write', 'payouts:read'],
  viewer: ['merchant:read', 'trades:read', 'payouts:read'],
};

/** Operations a role may do besides the API-key scopes: the team, keys and apps, payout settings. */
export type Permission = Scope | 'team:manage' | 'keys:read' | 'keys:manage' | 'settings:manage';

export function allows(role: MemberRole, permission: Permission): boolean {
  const administrator = role === 'owner' || role === 'admin';
  switch (permission) {
    case 'team:manage':
    case 'keys:manage':
    case 'settings:manage':
      return administrator;
    case 'keys:read':
      return administrator || role === 'developer';
    default: {
      const scopes = roleScopes[role];
      return scopes === '*' || scopes.includes(permission);
    }
  }
}
