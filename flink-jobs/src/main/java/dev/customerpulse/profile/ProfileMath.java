package dev.customerpulse.profile;

import dev.customerpulse.ingest.CustomerEvent;

/** Applies one event to a customer's state. Pure: no Flink types, no I/O. */
public final class ProfileMath {
  private ProfileMath() {}

  /** A fresh state for a customer first seen with this event. */
  public static CustomerState newCustomer(CustomerEvent first) {
    CustomerState state = new CustomerState();
    state.firstSeen = first.eventTime;
    state.lastSeen = first.eventTime;
    return state;
  }

  public static void apply(CustomerState state, CustomerEvent event) {
    state.firstSeen = Math.min(state.firstSeen, event.eventTime);
    state.lastSeen = Math.max(state.lastSeen, event.eventTime);
    switch (event.kind) {
      case PAGE_VIEW -> state.pageViews++;
      case PRODUCT_VIEW -> state.productViews++;
      case SEARCH -> state.searches++;
      case ADD_TO_CART -> state.cartAdds++;
      case CHECKOUT_START -> state.checkouts++;
      case ORDER_PAID -> {
        state.orders++;
        addSpend(state, event, event.amountMinor);
      }
      case ORDER_REFUNDED -> {
        state.refunds++;
        addSpend(state, event, -event.amountMinor);
      }
      case ORDER_CANCELLED -> state.cancellations++;
      case SERVICE_CALL -> state.serviceCalls++;
      default -> { }
    }
    state.version++;
  }

  private static void addSpend(CustomerState state, CustomerEvent event, long amount) {
    if (state.currency == null && event.currency != null) {
      state.currency = event.currency;
    }
    if (event.currency == null || event.currency.equals(state.currency)) {
      state.spendMinor += amount;
    } else {
      state.foreignCurrencyOrders++;
    }
  }
}
