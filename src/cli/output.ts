// How the CLI prints: readable text by default, JSON with --json. Amounts and ids are u128, so
// JSON carries them as decimal strings; keys are snake_case as in the API.

export interface Output {
  readonly json: boolean;
  print(value: unknown, text: () => string): void;
  error(code: string, message: string): void;
}

export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`).replace(/(\d+)/g, '_$1');
}

/** A JSON-ready copy: bigints become decimal strings, keys become snake_case. */
export function toJsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, entry]) => [String(key), toJsonValue(entry)]));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [snakeCase(key), toJsonValue(entry)]));
  }
  return value;
}

export function createOutput(json: boolean, write: (text: string) => void = (text) => process.stdout.write(text), writeError: (text: string) => void = (text) => process.stderr.write(text)): Output {
  return {
    json,
    print(value, text) {
      write(json ? `${JSON.stringify(toJsonValue(value), null, 2)}\n` : `${text()}\n`);
    },
    error(code, message) {
      if (json) write(`${JSON.stringify({ error: { code, message } })}\n`);
      else writeError(`error: ${message} (${code})\n`);
    },
  };
}

/** A plain text table with aligned columns. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
