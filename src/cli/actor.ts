// Who the command line acts as in the operators' action log. It runs with the database's own
// access and has no operator's session, so its lines name the system user on this host.

import { hostname, userInfo } from 'node:os';
import { commandLineActor } from '../identity/index.js';

export function commandLineOperator(): string {
  return commandLineActor(userInfo().username, hostname());
}
