// Fixed-width binary rows, to hand a commit's writes to the writer thread without serializing
// objects: the main thread writes values into an ArrayBuffer, which is transferred, not copied, and
// the writer reads them back as SQLite bind values (see codec.ts for how u128 values are stored).

import type { U128Value } from './codec.js';

const u64Max = (1n << 64n) - 1n;
const integerMax = (1n << 63n) - 1n;

export class RowWriter {
  private buffer: ArrayBuffer;
  private view: DataView;
  private offset = 0;

  constructor(bytesInitial = 64 * 1024) {
    this.buffer = new ArrayBuffer(bytesInitial);
    this.view = new DataView(this.buffer);
  }

  /** Makes room for `bytes` more bytes (the buffer doubles when full). */
  private reserve(bytes: number): void {
    if (this.offset + bytes <= this.buffer.byteLength) return;
    let size = Math.max(64, this.buffer.byteLength * 2);
    while (size < this.offset + bytes) size *= 2;
    const larger = new ArrayBuffer(size);
    new Uint8Array(larger).set(new Uint8Array(this.buffer, 0, this.offset));
    this.buffer = larger;
    this.view = new DataView(larger);
  }

  /**
   * Reserves `bytes` for a fixed-width record that the caller writes itself, through `view`, and
   * returns where the record starts: one bounds check per record instead of one per field.
   */
  claim(bytes: number): number {
    this.reserve(bytes);
    const start = this.offset;
    this.offset += bytes;
    return start;
  }

  /** The buffer's view, for writing a record reserved with `claim` (the view changes when the buffer grows). */
  get dataView(): DataView {
    return this.view;
  }

  u128(value: bigint): void {
    this.reserve(16);
    // setBigUint64 keeps the low 64 bits of what it is given, so only the high half needs a shift;
    // the buffer starts zeroed, so zero, or a high half of zero, is not written.
    if (value !== 0n) this.view.setBigUint64(this.offset, value, true);
    if (value > u64Max) this.view.setBigUint64(this.offset + 8, value >> 64n, true);
    this.offset += 16;
  }

  /** A u64 stored as its signed 64-bit reading (timestamps, user_data_64): setBigInt64 wraps it. */
  i64(value: bigint): void {
    this.reserve(8);
    if (value !== 0n) this.view.setBigInt64(this.offset, value, true);
    this.offset += 8;
  }

  u32(value: number): void {
    this.reserve(4);
    this.view.setUint32(this.offset, value, true);
    this.offset += 4;
  }

  /** The bytes written, as a buffer of their own (to transfer to the writer thread). */
  finish(): ArrayBuffer {
    // Writers sized exactly hand over their buffer without a copy.
    return this.offset === this.buffer.byteLength ? this.buffer : this.buffer.slice(0, this.offset);
  }
}

export class RowReader {
  private readonly view: DataView;
  private offset = 0;

  constructor(readonly buffer: ArrayBuffer) {
    this.view = new DataView(buffer);
  }

  get done(): boolean {
    return this.offset >= this.buffer.byteLength;
  }

  /** A u128 as SQLite stores it: INTEGER up to 2^63 − 1, decimal TEXT above. */
  u128Value(): U128Value {
    const low = this.view.getBigUint64(this.offset, true);
    const high = this.view.getBigUint64(this.offset + 8, true);
    this.offset += 16;
    if (high === 0n) return low <= integerMax ? low : low.toString();
    return ((high << 64n) | low).toString();
  }

  u128(): bigint {
    const low = this.view.getBigUint64(this.offset, true);
    const high = this.view.getBigUint64(this.offset + 8, true);
    this.offset += 16;
    return high === 0n ? low : (high << 64n) | low;
  }

  skip(bytes: number): void {
    this.offset += bytes;
  }

  i64(): bigint {
    const value = this.view.getBigInt64(this.offset, true);
    this.offset += 8;
    return value;
  }

  u32(): number {
    const value = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return value;
  }
}
