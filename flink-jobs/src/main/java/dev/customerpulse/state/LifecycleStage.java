package dev.customerpulse.state;

import dev.customerpulse.types.WireCodes;
import java.io.IOException;
import java.util.Locale;

/**
 * Where a customer is in their life with us, from their activity over event time. Decided by {@code
 * segments.LifecyclePolicy}. State stores its {@link #code()}, fixed forever.
 */
public enum LifecycleStage {
  NEW(0), ACTIVE(1), AT_RISK(2), DORMANT(3), CHURNED(4), WON_BACK(5);

  private static final WireCodes<LifecycleStage> CODES = new WireCodes<>("lifecycle stage", values(), LifecycleStage::code);
  private final int code;

  private final String label = name().toLowerCase(Locale.ROOT);
  private final String segment = "lifecycle:" + label;

  LifecycleStage(int code) {
    this.code = code;
  }

  /** Its code in state. */
  public int code() {
    return code;
  }

  /** @throws IOException when no stage has {@code code} */
  public static LifecycleStage ofCode(int code) throws IOException {
    return CODES.decode(code);
  }

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
