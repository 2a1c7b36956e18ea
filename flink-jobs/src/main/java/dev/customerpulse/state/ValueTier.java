package dev.customerpulse.state;

/**
 * How valuable a customer is (decided by {@code segments.ValueTierPolicy}). Declared in the order tiers were
 * introduced, because state stores the ordinal; {@link #rank()} is the order of value.
 */
public enum ValueTier {
  /** No paid order yet. */
  NEW(0),
  /** Has paid; below the high threshold and not expected to reach it. */
  NORMAL(1),
  /** At or above the high threshold. */
  HIGH(3),
  /** At or above the VIP threshold. */
  VIP(4),
  /** Below the high threshold, but expected to reach it (lifetime value), or in the upper half by CLV. */
  POTENTIAL(2);

  private final int rank;
  private final String label = name().toLowerCase(java.util.Locale.ROOT);
  private final String segment = "tier:" + label;
  private final java.util.List<String> segments = java.util.List.of(segment);

  ValueTier(int rank) {
    this.rank = rank;
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
