package dev.customerpulse.scoring;

/**
 * The browse → cart → checkout → purchase funnel of one window, with every step implying the ones
 * before it: a paid order counts as a checkout, a checkout as a cart add and a cart add as a product
 * view. Each step's count is the larger of its own events and the next step's count.
 *
 * <p>Why: shops skip steps. One that never sends a checkout event would otherwise show a purchase
 * rate of 0 for every buyer (orders / 0 checkouts) and a checkout rate of 0 for everyone; an order
 * placed without a recorded cart add would make a cart rate over 1. With implied steps a rate is the
 * share of customers' funnel entries that went on, every rate lies in [0, 1] without a cap, and a
 * shop that sends every step (each order after its checkout, each checkout after a cart add) gets
 * the same counts as before. The larger count, not the sum: an order that did have its checkout
 * event counts once, not twice. A rate whose step was never reached in the window (nothing at all)
 * is 0.
 */
record Funnel(long productViews, long cartAdds, long checkouts, long orders) {

  /** The funnel of the events seen: each step raised to at least the step after it. */
  static Funnel withImpliedSteps(long productViews, long cartAdds, long checkouts, long orders) {
    long impliedCheckouts = Math.max(checkouts, orders);
    long impliedCartAdds = Math.max(cartAdds, impliedCheckouts);
    return new Funnel(Math.max(productViews, impliedCartAdds), impliedCartAdds, impliedCheckouts, orders);
  }

  /** Cart adds / product views. */
  double cartRate() {
    return rate(cartAdds, productViews);
  }

  /** Checkouts / cart adds. */
  double checkoutRate() {
    return rate(checkouts, cartAdds);
  }

  /** Paid orders / checkouts. */
  double purchaseRate() {
    return rate(orders, checkouts);
  }

  /** Paid orders / product views: the whole funnel. */
  double conversionRate() {
    return rate(orders, productViews);
  }

  private static double rate(long numerator, long denominator) {
    return denominator == 0 ? 0 : (double) numerator / denominator;
  }
}
