package dev.customerpulse.engine;

import dev.customerpulse.privacy.Pseudonymizer;
import dev.customerpulse.state.CustomerState;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The ids erased recently, so that their replayed or late events are dropped instead of bringing the
 * customer back. An id is kept only as a keyed hash (HMAC under the pseudonymisation secret, 64 bits)
 * with the event time of its erasure: the erased customer's keyed state is gone entirely, and nothing
 * here names them to anyone without the secret. Markers go once event time passes the erasure by
 * {@code pulse.privacy.erasure-marker-retention}. One set per operator instance, snapshotted as
 * union operator state (each instance restores every instance's markers: erasures are rare, and a key
 * may move to another instance on rescaling).
 */
public final class ErasureMarkers {
  private static final String LABEL = "ERASED-ID";
  private final Pseudonymizer hash;
  private final long retentionMillis;
  private final Map<Long, Long> erasedAt = new HashMap<>();

  /** @param hash the keyed hash of ids; null when no erasure can happen (tests without a secret) */
  public ErasureMarkers(Pseudonymizer hash, long retentionMillis) {
    this.hash = hash;
    this.retentionMillis = retentionMillis;
  }

  /** When {@code key} was erased (event time), or NONE; costs a hash only while there are markers. */
  public long erasedAt(String key) {
    if (erasedAt.isEmpty()) {
      return CustomerState.NONE;
    }
    Long at = erasedAt.get(hashOf(key));
    return at == null ? CustomerState.NONE : at;
  }

  void mark(String key, long at) {
    erasedAt.merge(hashOf(key), at, Math::max);
  }

  /** Drops the markers whose retention has passed at event time {@code watermark}. */
  public void expire(long watermark) {
    for (Iterator<Long> times = erasedAt.values().iterator(); times.hasNext(); ) {
      if (times.next() + retentionMillis <= watermark) {
        times.remove();
      }
    }
  }

  /** Every marker, keyed hash to erasure time (for the snapshot). */
  public Map<Long, Long> entries() {
    return erasedAt;
  }

  /** A marker read back from a snapshot. */
  public void restore(long keyedHash, long at) {
    erasedAt.merge(keyedHash, at, Math::max);
  }

  private long hashOf(String key) {
    if (hash == null) {
      throw new IllegalStateException("erasure markers need pulse.privacy.pseudonymisation-secret");
    }
    return hash.keyedHash64(LABEL, key);
  }
}
