package dev.customerpulse.profile;

import dev.customerpulse.connectors.redis.RedisGeneration;
import java.util.List;

/**
 * Decides, from what one profile-operator instance sees of the Redis generation marker, when it must
 * write every profile it holds to Redis again. Plain Java; the operator looks at the marker every
 * pulse.redis.refill-check-interval ({@link RedisRefill}).
 *
 * <ul>
 *   <li>A marker this look had to write (it was missing): Redis lost its data (restarted empty,
 *       flushed) or was never written: refill.
 *   <li>A marker other than the one seen last (someone else wrote it after a loss, or {@code pulse redis
 *       rebuild} bumped it): refill.
 *   <li>At the first look after a restore: the tokens the instances had seen (union state; after a
 *       rescale an instance holds keys other instances had) all equal to the marker: nothing to do;
 *       any other: refill. A first start with no state takes the marker as it is.
 * </ul>
 */
final class RefillTrigger {
  /** Sorted, without repeats. */
  private final List<String> restored;
  /** The token this instance saw last; null before its first look. */
  private String seen;

  RefillTrigger(Iterable<String> restored) {
    java.util.Set<String> tokens = new java.util.TreeSet<>();
    restored.forEach(tokens::add);
    this.restored = List.copyOf(tokens);
  }

  /** Whether the marker just looked at calls for a refill; remembers it as seen. */
  boolean refill(RedisGeneration.Marker marker) {
    boolean refill;
    if (marker.created()) {
      refill = true;
    } else if (seen == null) {
      refill = !restored.isEmpty() && !restored.equals(List.of(marker.token()));
    } else {
      refill = !seen.equals(marker.token());
    }
    seen = marker.token();
    return refill;
  }

  /** What to keep in a checkpoint: the token seen last, or those restored while none has been seen yet. */
  List<String> snapshot() {
    return seen != null ? List.of(seen) : List.copyOf(restored);
  }
}
