// Migration 2: moves transfers from one row each (the `transfers` table of migration 1) into
// blocks (transfer-blocks.ts), in timestamp order, then drops the old table. It runs inside the
// migration's transaction, so a store is either fully moved or not at all.

import type Database from 'better-sqlite3';
import { RowWriter } from './binary-rows.js';
import { decodeTransfer, type TransferRow } from './codec.js';
import {
  insertTransferBlockSql,
  insertTransferIdsSql,
  transferRecordBytes,
  transfersPerBlock,
  writeTransferRecord,
} from './transfer-blocks.js';

/** Rows read per query while moving. */
const pageRows = 8192;

export function moveTransfersIntoBlocks(db: Database.Database): void {
  const insertBlock = db.prepare(insertTransferBlockSql).safeIntegers(true);
  const insertIds = db.prepare(insertTransferIdsSql).safeIntegers(true);
  const page = db.prepare(`SELECT * FROM transfers WHERE timestamp > ? ORDER BY timestamp LIMIT ?`).safeIntegers(true);
  let writer = new RowWriter(transfersPerBlock * transferRecordBytes);
  let count = 0;
  let first = 0n;
  const flush = (): void => {
    if (count === 0) return;
    const data = Buffer.from(writer.finish());
    insertBlock.run(first, data);
    insertIds.run({ data, block: first, count });
    writer = new RowWriter(transfersPerBlock * transferRecordBytes);
    count = 0;
  };
  // Read a page of rows at a time: a connection cannot write while one of its statements iterates.
  let after = -1n;
  for (;;) {
    const rows = page.all(after, pageRows) as TransferRow[];
    for (const row of rows) {
      if (count === 0) first = row.timestamp;
      writeTransferRecord(writer, decodeTransfer(row), row.debit_previous, row.credit_previous);
      count += 1;
      if (count === transfersPerBlock) flush();
    }
    if (rows.length < pageRows) break;
    after = rows[rows.length - 1]!.timestamp;
  }
  flush();
  db.exec(`DROP TABLE transfers`);
}
