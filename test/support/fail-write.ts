// Faults in the platform database for tests: the next write unit that matches fails once, as a
// lost disk or connection would fail it, and every other write goes through.

import { vi } from 'vitest';
import { compileWrite, type PlatformDatabase, type PlatformWrite } from '../../src/store/index.js';

/** The SQL of a write. */
export function sqlOf(write: PlatformWrite): string {
  return compileWrite(write).query.sql;
}

/** Makes the next unit of writes that `matches` fail with an error of its own, `error` or an injected one. */
export function failNextWrite(platform: PlatformDatabase, matches: (writes: readonly PlatformWrite[]) => boolean, error: Error = new Error('injected: the platform database is gone')): void {
  const write = platform.writeTogether.bind(platform);
  const spy = vi.spyOn(platform, 'writeTogether').mockImplementation(async (writes) => {
    if (!matches(writes)) return write(writes);
    spy.mockRestore();
    throw error;
  });
}

/** Whether a unit's first write is an insert into `table`. */
export function insertsInto(table: string): (writes: readonly PlatformWrite[]) => boolean {
  return (writes) => sqlOf(writes[0]!).startsWith(`insert into "${table}"`);
}
