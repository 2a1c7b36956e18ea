package dev.customerpulse.state;

import java.util.Arrays;
import java.util.Comparator;

/** What the daily buckets count per day. State stores each metric under its {@link #code()}, fixed forever. */
public enum Metric {
  /** Page views, product views and searches. */
  VIEWS(0),
  PRODUCT_VIEWS(1),
  CART_ADDS(2),
  CHECKOUTS(3),
  /** Paid orders. */
  ORDERS(4),
  /** Paid amount in minor units. */
  SPEND_MINOR(5),
  SERVICE_CALLS(6),
  COMPLAINTS(7),
  UNRESOLVED_CALLS(8),
  ABANDONED_CARTS(9),
  SESSIONS(10);

  public static final int COUNT = values().length;
  /** The metrics in the order of their codes, the order a stored day holds their values in. */
  public static final Metric[] BY_CODE = Arrays.stream(values()).sorted(Comparator.comparingInt(Metric::code)).toArray(Metric[]::new);
  private final int code;

  Metric(int code) {
    this.code = code;
  }

  /** Its code in state: the bit {@code 1 << code} of a stored day's mask of the metrics it holds (0-31). */
  public int code() {
    return code;
  }
}
