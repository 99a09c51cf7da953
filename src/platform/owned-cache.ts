// A read cache for rows that only this process writes: on SQLite one server process owns the
// platform database (the store's owner lock), so rows it read stay true until it changes them
// itself, and the hot paths (every payment reads its session, its user, the recipient) need not go
// to the database at all. The service that writes a row forgets it around the write; a read that
// was running while a row was forgotten does not put what it read into the cache, since it may
// predate the write. Entries are dropped oldest first past `entriesMax`.
//
// Where several processes share one database (PostgreSQL) a cache cannot know of the others'
// writes: services make one with `enabled: false` there, and every read goes to the database.

export class OwnedCache<K, V> {
  private readonly entries = new Map<K, V>();
  /** Counts forgets: a read that saw it change while it ran is not kept. */
  private generation = 0;

  constructor(
    /** Whether values are kept (false where other processes write the database too). */
    readonly enabled: boolean,
    private readonly entriesMax: number,
  ) {}

  /** The cached value, or what `read` finds (kept unless a forget happened meanwhile). */
  async get(key: K, read: () => Promise<V | undefined>): Promise<V | undefined> {
    if (!this.enabled) return read();
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;
    const generation = this.generation;
    const value = await read();
    if (value !== undefined && generation === this.generation) this.set(key, value);
    return value;
  }

  /** Keeps a value known to be current (a row just written). */
  set(key: K, value: V): void {
    if (!this.enabled) return;
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.entriesMax) this.entries.delete(this.entries.keys().next().value as K);
  }

  /** Forgets a key: call before a write of its row starts and again when the write has ended. */
  forget(key: K): void {
    this.generation += 1;
    this.entries.delete(key);
  }

  /** Runs a write of the key's row with the key forgotten before and after it (also when it fails). */
  writing<T>(key: K, write: () => Promise<T>): Promise<T> {
    return this.around(() => this.forget(key), write);
  }

  /** Runs a write that may change any key's row (one whose key the writer cannot name), forgetting all. */
  writingAll<T>(write: () => Promise<T>): Promise<T> {
    return this.around(() => {
      this.generation += 1;
      this.entries.clear();
    }, write);
  }

  private async around<T>(forget: () => void, write: () => Promise<T>): Promise<T> {
    forget();
    try {
      return await write();
    } finally {
      forget();
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
