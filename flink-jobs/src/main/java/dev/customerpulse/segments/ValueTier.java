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

  /** Lower-case name used in Redis and on Kafka. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Segment name of this tier, e.g. {@code tier:vip}. */
  public String segment() {
    return "tier:" + label();
  }
}
