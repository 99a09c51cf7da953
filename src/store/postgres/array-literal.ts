// PostgreSQL array literals for set-based statements. node-postgres would quote and escape every
// element of a JS array; numbers need neither, and joining them ourselves is several times faster.

/** `{1,2,3}` from whole numbers (bigint or number); null elements become NULL. */
export function arrayLiteral(values: readonly (bigint | number | null)[]): string {
  return `{${values.map((value) => (value === null ? 'NULL' : value.toString())).join(',')}}`;
}
