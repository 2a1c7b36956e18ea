package dev.customerpulse.features;

import dev.customerpulse.state.Metric;
import dev.customerpulse.state.CustomerState;

/**
 * Combines the state of two customer keys that turned out to be one person (a merge, or an
 * anonymous visitor who logged in): as if the events of both had arrived under one key. Pure Java.
 */
public final class CustomerMerge implements java.io.Serializable {
  private final FeatureSettings settings;

  public CustomerMerge(FeatureSettings settings) {
    this.settings = settings;
  }

  /** Adds {@code from} to {@code into}; {@code from} is left as it was. The caller recomputes the tier. */
  public void absorb(CustomerState into, CustomerState from) {
    boolean fromIsNewer = from.lastSeen > into.lastSeen;
    // The version counts the updates applied to the person's history, on whichever key: the sum,
    // not max + 1, so it comes out the same whether the other key's events were applied there and
    // handed over (one ABSORB) or forwarded and applied here one by one (which of the two depends on
    // when the LINK or MERGE arrived among them). A handed-over state has applied at least one event;
    // at least one more keeps the version rising, which Redis needs.
    into.version += Math.max(1, from.version);
    into.firstSeen = Math.min(into.firstSeen, from.firstSeen);
    into.lastSeen = Math.max(into.lastSeen, from.lastSeen);
    into.scoredAt = Math.max(into.scoredAt, from.scoredAt);
    into.pageViews += from.pageViews;
    into.productViews += from.productViews;
    into.searches += from.searches;
    into.cartAdds += from.cartAdds;
    into.cartRemoves += from.cartRemoves;
    into.checkouts += from.checkouts;
    into.ordersPlaced += from.ordersPlaced;
    into.orders += from.orders;
    into.cancellations += from.cancellations;
    into.refunds += from.refunds;
    into.foreignCurrencyOrders += from.foreignCurrencyOrders;
    spend(into, from);
    into.serviceCalls += from.serviceCalls;
    into.complaints += from.complaints;
    into.unresolvedCalls += from.unresolvedCalls;
    into.satisfactionSum += from.satisfactionSum;
    into.satisfactionAnswers += from.satisfactionAnswers;
    if (from.lastNps >= 0 && (fromIsNewer || into.lastNps < 0)) {
      into.lastNps = from.lastNps;
    }
    into.sessions += from.sessions;
    into.sessionMillis += from.sessionMillis;
    sessions(into, from);
    if (from.cartOpenSince != CustomerState.NONE
        && (into.cartOpenSince == CustomerState.NONE || from.cartOpenSince < into.cartOpenSince)) {
      into.cartOpenSince = from.cartOpenSince;
    }
    into.abandonedCarts += from.abandonedCarts;
    if (from.emailPseudonym != null && (into.emailPseudonym == null || fromIsNewer)) {
      into.emailPseudonym = from.emailPseudonym;
    }
    if (from.phonePseudonym != null && (into.phonePseudonym == null || fromIsNewer)) {
      into.phonePseudonym = from.phonePseudonym;
    }
    if (from.signedUpAt != CustomerState.NONE
        && (into.signedUpAt == CustomerState.NONE || from.signedUpAt < into.signedUpAt)) {
      into.signedUpAt = from.signedUpAt;
    }
    if (into.birthMonthDay == 0) {
      into.birthMonthDay = from.birthMonthDay;
    }
    into.purchases.absorb(from.purchases);
    into.daily.absorb(from.daily, Math.floorDiv(into.lastSeen, FeatureUpdater.DAY));
    into.categories.absorb(from.categories, settings.categoryHalfLife().toMillis());
    // One person's decisions: the later one per purpose wins, whichever id it was made under.
    into.consents = into.consents.merge(from.consents);
  }

  /** Spend in another currency than the survivor's is not summed: its paid orders count as foreign. */
  private static void spend(CustomerState into, CustomerState from) {
    if (from.currency == null || from.currency.equals(into.currency) || into.currency == null && into.spendMinor == 0) {
      if (into.currency == null) {
        into.currency = from.currency;
      }
      into.spendMinor += from.spendMinor;
    } else {
      into.foreignCurrencyOrders += from.orders;
    }
  }

  /**
   * Two open sessions that overlap (within the session gap) become one; otherwise the earlier one
   * is closed and the later stays open.
   */
  private void sessions(CustomerState into, CustomerState from) {
    if (from.sessionStart == CustomerState.NONE) {
      return;
    }
    if (into.sessionStart == CustomerState.NONE) {
      into.sessionStart = from.sessionStart;
      into.sessionLast = from.sessionLast;
      return;
    }
    long gap = settings.sessionGap().toMillis();
    boolean overlap = from.sessionStart <= into.sessionLast + gap && into.sessionStart <= from.sessionLast + gap;
    if (overlap) {
      long laterStart = Math.max(into.sessionStart, from.sessionStart);
      into.sessionStart = Math.min(into.sessionStart, from.sessionStart);
      into.sessionLast = Math.max(into.sessionLast, from.sessionLast);
      // Both sessions were counted in the daily buckets when they started; they are one now.
      into.daily.add(Math.floorDiv(laterStart, FeatureUpdater.DAY), Metric.SESSIONS, -1, Math.floorDiv(into.lastSeen, FeatureUpdater.DAY));
      return;
    }
    boolean fromIsLater = from.sessionStart > into.sessionStart;
    long closedStart = fromIsLater ? into.sessionStart : from.sessionStart;
    long closedLast = fromIsLater ? into.sessionLast : from.sessionLast;
    into.sessions++;
    into.sessionMillis += closedLast - closedStart;
    if (fromIsLater) {
      into.sessionStart = from.sessionStart;
      into.sessionLast = from.sessionLast;
    }
  }
}
