package dev.customerpulse.state;

import dev.customerpulse.types.WireCodes;
import java.io.IOException;

/**
 * How valuable a customer is (decided by {@code segments.ValueTierPolicy}). State stores its {@link
 * #code()}, fixed forever; {@link #rank()} is the order of value.
 */
public enum ValueTier {
  /** No paid order yet. */
  NEW(0, 0),
  /** Has paid; below the high threshold and not expected to reach it. */
  NORMAL(1, 1),
  /** At or above the high threshold. */
  HIGH(2, 3),
  /** At or above the VIP threshold. */
  VIP(3, 4),
  /** Below the high threshold, but expected to reach it (lifetime value), or in the upper half by CLV. */
  POTENTIAL(4, 2);

  private static final WireCodes<ValueTier> CODES = new WireCodes<>("value tier", values(), ValueTier::code);
  private final int code;
  private final int rank;
  private final String label = name().toLowerCase(java.util.Locale.ROOT);
  private final String segment = "tier:" + label;
  private final java.util.List<String> segments = java.util.List.of(segment);

  ValueTier(int code, int rank) {
    this.code = code;
    this.rank = rank;
  }

  /** Its code in state. */
  public int code() {
    return code;
  }

  /** @throws IOException when no tier has {@code code} */
  public static ValueTier ofCode(int code) throws IOException {
    return CODES.decode(code);
  }

  /** Order of value: new 0, normal 1, potential 2, high 3, vip 4. */
  public int rank() {
    return rank;
  }

  /** Lower-case name used in Redis and on Kafka. */
  public String label() {
    return label;
  }

  /** Segment name of this tier, e.g. {@code tier:vip}. */
  public String segment() {
    return segment;
  }

  /** The tier's segment as a one-element list (what the Redis writer takes). */
  public java.util.List<String> segments() {
    return segments;
  }
}
