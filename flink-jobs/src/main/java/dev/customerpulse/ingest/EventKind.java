package dev.customerpulse.ingest;

/** What a customer did, across the input streams; the last four tie identities together. */
public enum EventKind {
  PAGE_VIEW, PRODUCT_VIEW, SEARCH, ADD_TO_CART, REMOVE_FROM_CART, CHECKOUT_START, LOGIN, LOGOUT, CLICK_OTHER,
  ORDER_PLACED, ORDER_PAID, ORDER_CANCELLED, ORDER_REFUNDED, ORDER_OTHER,
  SERVICE_CALL,
  /** Facts about a customer: contact pseudonyms, sign-up time. */
  IDENTIFY,
  /** At an anonymous key: this visitor is customer {@code otherKey}. */
  LINK,
  /** At the merged customer's key: this customer is {@code otherKey}, which survives. */
  MERGE,
  /** At the surviving key: take over the state of {@code otherKey}, carried in {@code payload}. */
  ABSORB;

  /** Events about who a customer is rather than what they did: never late, never in a time bucket. */
  public boolean isIdentity() {
    return this == IDENTIFY || this == LINK || this == MERGE || this == ABSORB;
  }
}
