// A set of recently added strings that answers "certainly not added" or "perhaps added", in a few
// bits per string: a Bloom filter (Bloom, 1970) in layers by time, so that what was added longer
// ago than the retention is forgotten a layer at a time. It never says "not added" of a string
// added within the retention; it says "perhaps" of a string never added about once in 700 times
// while layers are within their capacity, and more often past it (the last layer takes what more
// layers would, and fills up), so its answer is only ever a reason to skip a read, never to trust
// one. The idempotency keys use it so that a new key (almost every request) needs no read of the
// database to know that no earlier request used it.

/** Strings per layer before the next layer starts. */
export const recentKeysLayerCapacity = 1 << 20;
/** Bits per layer: 16 per string at capacity, which with `hashesPerKey` gives about 0.14% false "perhaps". */
const layerBits = recentKeysLayerCapacity * 16;
const hashesPerKey = 5;
/** Layers at most (2 MiB each); past this the newest layer takes every string. */
export const recentKeysLayersMax = 64;

interface Layer {
  readonly bits: Uint32Array;
  count: number;
  /** When its newest string was added. */
  newest: number;
}

export class RecentKeys {
  private layers: Layer[] = [];

  constructor(
    /** How long a string stays in: a layer whose newest string is older than this is dropped. */
    private readonly retentionMilliseconds: number,
  ) {}

  /** Adds `key`, added at `at` (milliseconds). */
  add(key: string, at: number): void {
    let layer = this.layers[this.layers.length - 1];
    if (layer === undefined || layer.count >= recentKeysLayerCapacity) {
      this.dropExpired(at);
      if (this.layers.length < recentKeysLayersMax) this.layers.push({ bits: new Uint32Array(layerBits / 32), count: 0, newest: at });
      layer = this.layers[this.layers.length - 1]!;
    }
    const [first, step] = hashes(key);
    for (let i = 0; i < hashesPerKey; i++) {
      const bit = (first + i * step) % layerBits;
      layer.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
    layer.count += 1;
    if (at > layer.newest) layer.newest = at;
  }

  /** False only if `key` was not added within the retention before `now`. */
  mightHave(key: string, now: number): boolean {
    if (this.layers.length === 0) return false;
    const [first, step] = hashes(key);
    const since = now - this.retentionMilliseconds;
    search: for (const layer of this.layers) {
      if (layer.newest < since) continue;
      for (let i = 0; i < hashesPerKey; i++) {
        const bit = (first + i * step) % layerBits;
        if ((layer.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) continue search;
      }
      return true;
    }
    return false;
  }

  /** Layers held now (for tests and memory accounting). */
  get layerCount(): number {
    return this.layers.length;
  }

  private dropExpired(now: number): void {
    const since = now - this.retentionMilliseconds;
    this.layers = this.layers.filter((layer) => layer.newest >= since);
  }
}

/**
 * Two independent 32-bit hashes of the string's UTF-16 code units (FNV-1a and a multiplicative
 * hash with another seed), the second made odd so that the probes (first + i * step) differ.
 */
function hashes(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const unit = key.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b ^= b >>> 16;
  return [a >>> 0, (b | 1) >>> 0];
}
