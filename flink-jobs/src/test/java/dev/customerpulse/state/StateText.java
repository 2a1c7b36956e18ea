package dev.customerpulse.state;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * Every field of a {@link CustomerState} as text, one {@code field=value} line each, so fixture tests
 * can spell out the expected state in full as a literal. Times are raw epoch milliseconds, {@code NONE}
 * where {@link CustomerState#NONE} (Long.MIN_VALUE). {@link #FIELDS} names every field written here;
 * StateFixturesTest checks that it is every instance field of CustomerState.
 */
public final class StateText {
  private StateText() {}

  static final String[] FIELDS = {"version", "firstSeen", "lastSeen", "scoredAt", "pageViews", "productViews", "searches",
      "cartAdds", "cartRemoves", "checkouts", "ordersPlaced", "orders", "cancellations", "refunds", "spendMinor", "currency",
      "foreignCurrencyOrders", "serviceCalls", "complaints", "unresolvedCalls", "satisfactionSum", "satisfactionAnswers",
      "lastNps", "sessions", "sessionMillis", "sessionStart", "sessionLast", "cartOpenSince", "abandonedCarts", "tier",
      "rfmSegment", "lifecycle", "wonBackAt", "birthMonthDay", "lastBirthdayTrigger", "lastAnniversaryTrigger",
      "churnAlertActive", "lastChurnAlertAt", "pendingTimer", "aliasOf", "linkedCustomers", "ruleSegments", "clvSampledDay",
      "seenIds", "emailPseudonym", "phonePseudonym", "signedUpAt", "aliases", "consents", "purchases", "daily", "categories"};

  public static String of(CustomerState s) {
    StringBuilder b = new StringBuilder();
    line(b, "version", s.version);
    line(b, "firstSeen", time(s.firstSeen));
    line(b, "lastSeen", time(s.lastSeen));
    line(b, "scoredAt", time(s.scoredAt));
    line(b, "pageViews", s.pageViews);
    line(b, "productViews", s.productViews);
    line(b, "searches", s.searches);
    line(b, "cartAdds", s.cartAdds);
    line(b, "cartRemoves", s.cartRemoves);
    line(b, "checkouts", s.checkouts);
    line(b, "ordersPlaced", s.ordersPlaced);
    line(b, "orders", s.orders);
    line(b, "cancellations", s.cancellations);
    line(b, "refunds", s.refunds);
    line(b, "spendMinor", s.spendMinor);
    line(b, "currency", s.currency);
    line(b, "foreignCurrencyOrders", s.foreignCurrencyOrders);
    line(b, "serviceCalls", s.serviceCalls);
    line(b, "complaints", s.complaints);
    line(b, "unresolvedCalls", s.unresolvedCalls);
    line(b, "satisfactionSum", s.satisfactionSum);
    line(b, "satisfactionAnswers", s.satisfactionAnswers);
    line(b, "lastNps", s.lastNps);
    line(b, "sessions", s.sessions);
    line(b, "sessionMillis", s.sessionMillis);
    line(b, "sessionStart", time(s.sessionStart));
    line(b, "sessionLast", time(s.sessionLast));
    line(b, "cartOpenSince", time(s.cartOpenSince));
    line(b, "abandonedCarts", s.abandonedCarts);
    line(b, "tier", s.tier);
    line(b, "rfmSegment", s.rfmSegment);
    line(b, "lifecycle", s.lifecycle);
    line(b, "wonBackAt", time(s.wonBackAt));
    line(b, "birthMonthDay", s.birthMonthDay);
    line(b, "lastBirthdayTrigger", time(s.lastBirthdayTrigger));
    line(b, "lastAnniversaryTrigger", time(s.lastAnniversaryTrigger));
    line(b, "churnAlertActive", s.churnAlertActive);
    line(b, "lastChurnAlertAt", time(s.lastChurnAlertAt));
    line(b, "pendingTimer", time(s.pendingTimer));
    line(b, "aliasOf", s.aliasOf);
    line(b, "linkedCustomers", Arrays.toString(s.linkedCustomers));
    line(b, "ruleSegments", Arrays.toString(s.ruleSegments));
    line(b, "clvSampledDay", s.clvSampledDay);
    StringJoiner ids = new StringJoiner(", ", "[", "]");
    for (int i = 0; i < s.seenIds.size(); i++) {
      ids.add(s.seenIds.id(i) + "@" + s.seenIds.seenAt(i));
    }
    line(b, "seenIds", ids + " spilledUntil " + time(s.seenIds.spilledUntil()));
    line(b, "emailPseudonym", s.emailPseudonym);
    line(b, "phonePseudonym", s.phonePseudonym);
    line(b, "signedUpAt", time(s.signedUpAt));
    line(b, "aliases", Arrays.toString(s.aliases));
    line(b, "consents", s.consents);
    var p = s.purchases;
    line(b, "purchases", p.hasPurchases()
        ? "days " + p.firstDay() + ".." + p.lastDay() + " repeat " + p.repeatPurchases() + " firstDayAmount "
            + p.firstDayAmountMinor() + " total " + p.totalAmountMinor() + " recent " + Arrays.toString(p.recentDays())
        : "none (total " + p.totalAmountMinor() + ", recent " + Arrays.toString(p.recentDays()) + ")");
    StringJoiner days = new StringJoiner(", ", "[", "]");
    for (int i = 0; i < s.daily.size(); i++) {
      StringJoiner metrics = new StringJoiner(" ", s.daily.day(i) + " {", "}");
      for (Metric metric : Metric.values()) {
        if (s.daily.value(i, metric) != 0) {
          metrics.add(metric + "=" + s.daily.value(i, metric));
        }
      }
      days.add(metrics.toString());
    }
    line(b, "daily", days);
    StringJoiner categories = new StringJoiner(", ", "[", "]");
    for (int i = 0; i < s.categories.names().length; i++) {
      categories.add(s.categories.names()[i] + "=" + s.categories.scores()[i]);
    }
    line(b, "categories", categories + " asOf " + time(s.categories.asOf()));
    return b.toString();
  }

  private static String time(long t) {
    return t == Long.MIN_VALUE ? "NONE" : Long.toString(t);
  }

  private static void line(StringBuilder b, String field, Object value) {
    b.append(field).append('=').append(value).append('\n');
  }
}
