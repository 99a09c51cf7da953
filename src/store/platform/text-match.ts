// Searches of text columns, the same on SQLite and PostgreSQL: LIKE with the searched text taken
// literally (its % and _ escaped), ignoring case (ASCII letters on SQLite, all letters on
// PostgreSQL, as each database's lower() does).

import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** The escape character of the patterns made here: rare in searches, and no escape in SQL strings. */
const escapeCharacter = '!';

function literal(text: string): string {
  return text.replace(/[!%_]/g, (character) => `${escapeCharacter}${character}`);
}

function like(column: string, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) like lower(${pattern}) escape ${sql.lit(escapeCharacter)}`;
}

/** `column` holds `text` somewhere, ignoring case. */
export function containsText(column: string, text: string): RawBuilder<SqlBool> {
  return like(column, `%${literal(text)}%`);
}

/** `column` starts with `text`, ignoring case. */
export function startsWithText(column: string, text: string): RawBuilder<SqlBool> {
  return like(column, `${literal(text)}%`);
}
