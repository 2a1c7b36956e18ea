package dev.customerpulse.segments;

/** How valuable a customer is, from their net spend. */
public enum ValueTier {
  /** No paid order yet. */
  NEW,
  /** Has paid, below the high threshold. */
  NORMAL,
  /** Net spend at or above the high threshold. */
  HIGH,
  /** Net spend at or above the VIP threshold. */
  VIP;

  private final String label = name().toLowerCase(java.util.Locale.ROOT);
  private final String segment = "tier:" + label;
  private final java.util.List<String> segments = java.util.List.of(segment);

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
