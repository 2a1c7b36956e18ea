package dev.customerpulse.features;

import dev.customerpulse.state.Metric;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.state.CustomerState;

/** Applies one event to a customer's state. Pure: no Flink types, no I/O. */
public final class FeatureUpdater implements java.io.Serializable {
  public static final long DAY = 86_400_000L;
  /** Interest an interaction adds to its category. */
  static final double VIEW_INTEREST = 1;
  static final double CART_INTEREST = 3;
  static final double PURCHASE_INTEREST = 5;

  private final FeatureSettings settings;

  public FeatureUpdater(FeatureSettings settings) {
    this.settings = settings;
  }

  /**
   * A fresh state for a customer first seen with this event.
   *
   * <p>{@code firstSeen} is the earliest time of any event that reached the customer's state,
   * activity or not (an IDENTIFY, a CONSENT, a handed-over history): the customer is known since the
   * earliest fact about them, and a minimum does not depend on the order in which Flink interleaves
   * the topics. Every path that creates or updates a customer lowers it the same way ({@link #apply},
   * {@link #identify}, consents, merges). {@code lastSeen} counts activity only, except for a
   * customer created by an identity event, who needs some time to expire from.
   */
  public static CustomerState newCustomer(CustomerEvent first) {
    CustomerState state = CustomerState.empty();
    state.firstSeen = first.eventTime;
    state.lastSeen = first.eventTime;
    return state;
  }

  public void apply(CustomerState s, CustomerEvent e) {
    if (e.kind == EventKind.IDENTIFY) {
      identify(s, e);
      return;
    }
    long t = e.eventTime;
    expireCart(s, t);
    s.firstSeen = Math.min(s.firstSeen, t);
    s.lastSeen = Math.max(s.lastSeen, t);
    long newest = Math.floorDiv(s.lastSeen, DAY);
    long day = Math.floorDiv(t, DAY);
    long halfLife = settings.categoryHalfLife().toMillis();
    switch (e.kind) {
      case PAGE_VIEW -> {
        s.pageViews++;
        s.daily.add(day, Metric.VIEWS, 1, newest);
        session(s, t, newest);
      }
      case SEARCH -> {
        s.searches++;
        s.daily.add(day, Metric.VIEWS, 1, newest);
        session(s, t, newest);
      }
      case PRODUCT_VIEW -> {
        s.productViews++;
        s.daily.add(day, Metric.VIEWS, 1, newest);
        s.daily.add(day, Metric.PRODUCT_VIEWS, 1, newest);
        s.categories.add(e.category, VIEW_INTEREST, t, halfLife);
        session(s, t, newest);
      }
      case ADD_TO_CART -> {
        s.cartAdds++;
        s.daily.add(day, Metric.CART_ADDS, 1, newest);
        s.categories.add(e.category, CART_INTEREST, t, halfLife);
        openCart(s, t);
        session(s, t, newest);
      }
      case REMOVE_FROM_CART -> {
        s.cartRemoves++;
        session(s, t, newest);
      }
      case CHECKOUT_START -> {
        s.checkouts++;
        s.daily.add(day, Metric.CHECKOUTS, 1, newest);
        openCart(s, t);
        session(s, t, newest);
      }
      case LOGIN, LOGOUT, CLICK_OTHER -> session(s, t, newest);
      case ORDER_PLACED -> {
        s.ordersPlaced++;
        closeCart(s, t);
      }
      case ORDER_PAID -> {
        s.orders++;
        boolean counted = addSpend(s, e, e.amountMinor);
        s.purchases.addPurchase(t, counted ? e.amountMinor : 0);
        s.daily.add(day, Metric.ORDERS, 1, newest);
        if (counted) {
          s.daily.add(day, Metric.SPEND_MINOR, e.amountMinor, newest);
        }
        s.categories.add(e.category, PURCHASE_INTEREST, t, halfLife);
        closeCart(s, t);
      }
      case ORDER_REFUNDED -> {
        s.refunds++;
        addSpend(s, e, -e.amountMinor);
      }
      case ORDER_CANCELLED -> s.cancellations++;
      case ORDER_OTHER -> { }
      case SERVICE_CALL -> serviceCall(s, e, day, newest);
      // Handled by the profile operator, which moves state between keys.
      case IDENTIFY, LINK, MERGE, ABSORB -> { }
    }
    s.version++;
  }

  /**
   * Facts about who the customer is. Not activity: recency, sessions and counts stay as they are
   * (a CRM update must not make a lapsed customer look active).
   */
  private static void identify(CustomerState s, CustomerEvent e) {
    // Lowers first seen as any other event does: were it counted only when it arrived first (when it
    // creates the state), first_seen, tenure and the lifecycle's new period would depend on whether
    // the identities topic or a click topic happened to be read first.
    s.firstSeen = Math.min(s.firstSeen, e.eventTime);
    if (e.emailPseudonym != null) {
      s.emailPseudonym = e.emailPseudonym;
    }
    if (e.phonePseudonym != null) {
      s.phonePseudonym = e.phonePseudonym;
    }
    if (e.signedUpAt != Long.MIN_VALUE) {
      s.signedUpAt = e.signedUpAt;
    }
    if (e.birthMonthDay != 0) {
      s.birthMonthDay = e.birthMonthDay;
    }
    s.version++;
  }

  /** Counts the open cart as abandoned if its time ran out before {@code now}; returns whether it did. */
  public boolean expireCart(CustomerState s, long now) {
    if (s.cartOpenSince != CustomerState.NONE && now >= cartDeadline(s)) {
      long deadline = cartDeadline(s);
      s.abandonedCarts++;
      s.daily.add(Math.floorDiv(deadline, DAY), Metric.ABANDONED_CARTS, 1, Math.floorDiv(Math.max(s.lastSeen, deadline), DAY));
      s.cartOpenSince = CustomerState.NONE;
      return true;
    }
    return false;
  }

  /** When the open cart counts as abandoned, or {@link CustomerState#NONE} when no cart is open. */
  public long cartDeadline(CustomerState s) {
    return s.cartOpenSince == CustomerState.NONE ? CustomerState.NONE : s.cartOpenSince + settings.cartAbandonment().toMillis();
  }

  private static void openCart(CustomerState s, long t) {
    if (s.cartOpenSince == CustomerState.NONE || t < s.cartOpenSince) {
      s.cartOpenSince = t;
    }
  }

  private static void closeCart(CustomerState s, long t) {
    if (s.cartOpenSince != CustomerState.NONE && t >= s.cartOpenSince) {
      s.cartOpenSince = CustomerState.NONE;
    }
  }

  /** Sessions are runs of clicks with gaps shorter than the session gap. */
  private void session(CustomerState s, long t, long newestDay) {
    long gap = settings.sessionGap().toMillis();
    if (s.sessionStart == CustomerState.NONE) {
      startSession(s, t, newestDay);
    } else if (t > s.sessionLast + gap) {
      s.sessions++;
      s.sessionMillis += s.sessionLast - s.sessionStart;
      startSession(s, t, newestDay);
    } else if (t >= s.sessionStart - gap) {
      s.sessionStart = Math.min(s.sessionStart, t);
      s.sessionLast = Math.max(s.sessionLast, t);
    }
    // Older clicks belong to a session already closed: they count as activity, not as a session.
  }

  private static void startSession(CustomerState s, long t, long newestDay) {
    s.sessionStart = t;
    s.sessionLast = t;
    s.daily.add(Math.floorDiv(t, DAY), Metric.SESSIONS, 1, newestDay);
  }

  /** Adds to net spend in the profile currency; false when the order is in another currency. */
  private static boolean addSpend(CustomerState s, CustomerEvent e, long amount) {
    if (s.currency == null && e.currency != null) {
      s.currency = e.currency;
    }
    if (e.currency == null || e.currency.equals(s.currency)) {
      s.spendMinor += amount;
      return true;
    }
    if (amount > 0) {
      s.foreignCurrencyOrders++;
    }
    return false;
  }

  private static void serviceCall(CustomerState s, CustomerEvent e, long day, long newest) {
    s.serviceCalls++;
    s.daily.add(day, Metric.SERVICE_CALLS, 1, newest);
    if (e.complaint) {
      s.complaints++;
      s.daily.add(day, Metric.COMPLAINTS, 1, newest);
    }
    if (!e.resolved) {
      s.unresolvedCalls++;
      s.daily.add(day, Metric.UNRESOLVED_CALLS, 1, newest);
    }
    if (e.satisfaction > 0) {
      s.satisfactionSum += e.satisfaction;
      s.satisfactionAnswers++;
    }
    if (e.nps >= 0) {
      s.lastNps = e.nps;
    }
  }
}
