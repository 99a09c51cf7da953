// A PostgreSQL connection pool that survives the loss of an idle connection. pg emits 'error' on
// the pool when an idle client's connection dies (the server restarts, an administrator ends it);
// without a listener Node treats that as an uncaught error and the whole process exits. The pool
// drops the broken client by itself and opens a new one when needed, so a warning is enough.

import pg from 'pg';

export function openPool(url: string, size: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: size });
  pool.on('error', (error) => process.emitWarning(`Zhifu: an idle PostgreSQL connection failed and was dropped (${error.message})`));
  return pool;
}
