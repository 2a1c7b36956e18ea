package dev.customerpulse.ingest;

/** What a customer did, across the three input streams. */
public enum EventKind {
  PAGE_VIEW, PRODUCT_VIEW, SEARCH, ADD_TO_CART, REMOVE_FROM_CART, CHECKOUT_START, LOGIN, LOGOUT, CLICK_OTHER,
  ORDER_PLACED, ORDER_PAID, ORDER_CANCELLED, ORDER_REFUNDED, ORDER_OTHER,
  SERVICE_CALL
}
