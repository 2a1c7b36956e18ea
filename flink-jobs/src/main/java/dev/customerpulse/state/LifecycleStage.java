package dev.customerpulse.state;

import java.util.Locale;

/** Where a customer is in their life with us, from their activity over event time. Decided by {@code segments.LifecyclePolicy}. */
public enum LifecycleStage {
  NEW, ACTIVE, AT_RISK, DORMANT, CHURNED, WON_BACK;

  private final String label = name().toLowerCase(Locale.ROOT);
  private final String segment = "lifecycle:" + label;

  public String label() {
    return label;
  }

  /** Segment name, e.g. {@code lifecycle:at_risk}. */
  public String segment() {
    return segment;
  }

  /** Lapsed far enough that coming back counts as won back. */
  public boolean lapsed() {
    return this == DORMANT || this == CHURNED;
  }
}
