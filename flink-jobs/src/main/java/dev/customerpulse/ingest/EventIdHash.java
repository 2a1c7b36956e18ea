package dev.customerpulse.ingest;

/**
 * A 64-bit hash of an event id, the key under which de-duplication remembers it: eight bytes in
 * RocksDB instead of the id's text. FNV-1a over the UTF-16 code units, then the MurmurHash3
 * finalizer to spread the bits. Two different ids of one customer share a hash with probability
 * about n²/2^65 for n ids within the horizon: about 3·10^-14 for a thousand.
 */
public final class EventIdHash {
  private EventIdHash() {}

  public static long of(String eventId) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < eventId.length(); i++) {
      hash ^= eventId.charAt(i);
      hash *= 0x100000001b3L;
    }
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    hash *= 0xc4ceb9fe1a85ec53L;
    hash ^= hash >>> 33;
    return hash;
  }
}
