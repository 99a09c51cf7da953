// The error catalogue: docs/errors.md lists every code the code can return, and nothing else.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { argumentErrors } from '../src/cli/arguments.js';
import { apiErrors } from '../src/http/errors.js';
import { createAccountResults, createTransferResults } from '../src/ledger/index.js';
import { parseMoneyErrors } from '../src/money/index.js';
import { ConfigError } from '../src/platform/config.js';
import { CommitFailedError, DependentCommitError, StoreLockedError, StoreReadOnlyError } from '../src/store/index.js';

const document = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

/** The codes in the first column of the tables under a heading. */
function documentedCodes(heading: string): string[] {
  const section = document.split(/^## /m).find((part) => part.startsWith(heading));
  if (section === undefined) throw new Error(`docs/errors.md has no section "${heading}"`);
  return [...section.matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((match) => match[1]!);
}

describe('docs/errors.md', () => {
  it('lists the HTTP API codes with their status and type', () => {
    const section = document.split(/^## /m).find((part) => part.startsWith('HTTP API'))!;
    const rows = [...section.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \| ([a-z_]+) \|/gm)].map((match) => [match[1], Number(match[2]), match[3]]);
    expect(rows.sort()).toEqual(Object.entries(apiErrors).map(([code, definition]) => [code, definition.status, definition.type]).sort());
  });

  it('lists the account results in order of precedence', () => {
    expect(documentedCodes('Creating accounts')).toEqual([...createAccountResults]);
  });

  it('lists the transfer results in order of precedence', () => {
    expect(documentedCodes('Creating transfers')).toEqual([...createTransferResults]);
  });

  it('lists the amount parse codes', () => {
    expect(documentedCodes('Amounts').sort()).toEqual([...parseMoneyErrors].sort());
  });

  it('lists the command-line and store codes', () => {
    const amountCodes = new Set<string>(parseMoneyErrors);
    const codes = [
      ...argumentErrors.filter((code) => !amountCodes.has(code)),
      new StoreLockedError('').code,
      new StoreReadOnlyError('').code,
      new CommitFailedError('').code,
      new DependentCommitError('').code,
      new ConfigError('').code,
    ];
    expect(documentedCodes('Command line').sort()).toEqual(codes.sort());
  });
});
