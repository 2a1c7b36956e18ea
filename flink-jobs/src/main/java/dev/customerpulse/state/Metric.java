package dev.customerpulse.state;

/** What the daily buckets count per day. */
public enum Metric {
  /** Page views, product views and searches. */
  VIEWS,
  PRODUCT_VIEWS,
  CART_ADDS,
  CHECKOUTS,
  /** Paid orders. */
  ORDERS,
  /** Paid amount in minor units. */
  SPEND_MINOR,
  SERVICE_CALLS,
  COMPLAINTS,
  UNRESOLVED_CALLS,
  ABANDONED_CARTS,
  SESSIONS;

  static final int COUNT = values().length;
}
