// The rows kept in memory on SQLite (OwnedCache) stay true only while the service that caches them
// is the only code that writes them: it forgets a row around every write. This test reads the
// sources and fails when a write to one of those tables appears anywhere else.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Each cached table and the files allowed to write it. */
const owners: Readonly<Record<string, readonly string[]>> = {
  users: ['src/identity/identity-service.ts'],
  sessions: ['src/identity/identity-service.ts', 'src/identity/sessions.ts'],
  merchants: ['src/identity/merchants.ts'],
  api_keys: ['src/identity/merchants.ts'],
  trades: ['src/trades/trade-steps.ts', 'src/trades/trade-service.ts'],
  trade_items: ['src/trades/trade-service.ts'],
};

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('cached tables', () => {
  it('are written only by the services that cache them', () => {
    const strays: string[] = [];
    for (const path of sources(join(root, 'src'))) {
      const file = relative(root, path);
      const text = readFileSync(path, 'utf8');
      for (const [table, allowed] of Object.entries(owners)) {
        const write = new RegExp(`(updateTable|insertInto|deleteFrom|rowInserter\\(db,)\\s*\\(?\\s*'${table}'`, 'g');
        if (write.test(text) && !allowed.includes(file) && !file.startsWith('src/store/platform/')) strays.push(`${file} writes ${table}`);
      }
    }
    expect(strays).toEqual([]);
  });

  it('finds the writes it looks for', () => {
    const text = readFileSync(join(root, 'src/identity/identity-service.ts'), 'utf8');
    expect(/updateTable\s*\(?\s*'users'/.test(text)).toBe(true);
  });
});
