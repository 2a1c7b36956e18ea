package dev.customerpulse.features;

import dev.customerpulse.state.Metric;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.state.CustomerState;
import org.junit.jupiter.api.Test;

class CustomerMergeTest {
  private static final long DAY = FeatureUpdater.DAY;
  private static final long MIN = 60_000;
  private final FeatureUpdater updater = new FeatureUpdater(FeatureSettings.defaults());
  private final CustomerMerge merge = new CustomerMerge(FeatureSettings.defaults());
  private int sequence;

  private CustomerState customer(CustomerEvent... events) {
    CustomerState s = FeatureUpdater.newCustomer(events[0]);
    for (CustomerEvent e : events) {
      updater.apply(s, e);
    }
    return s;
  }

  private CustomerEvent at(EventKind kind, long time) {
    return new CustomerEvent("c", "e" + ++sequence, kind, time, 0, 0, null);
  }

  private CustomerEvent paid(long time, long amount, String currency) {
    return new CustomerEvent("c", "e" + ++sequence, EventKind.ORDER_PAID, time, 0, amount, currency);
  }

  private CustomerState applyAll(CustomerEvent... events) {
    return customer(events);
  }

  @Test
  void countsAndSpendAddUpAsIfOneCustomerHadDoneEverything() {
    CustomerEvent[] a = {at(EventKind.PAGE_VIEW, 10 * DAY), paid(10 * DAY + MIN, 1_000, "EUR"),
        at(EventKind.SERVICE_CALL, 11 * DAY).withServiceOutcome(true, false, 2, 3)};
    CustomerEvent[] b = {at(EventKind.PRODUCT_VIEW, 12 * DAY).withCategory("books"), paid(12 * DAY + MIN, 2_500, "EUR"),
        paid(13 * DAY, 400, "EUR"), at(EventKind.SERVICE_CALL, 13 * DAY).withServiceOutcome(false, true, 5, 9)};
    CustomerState into = customer(a);
    CustomerState from = customer(b);
    CustomerEvent[] all = {a[0], a[1], a[2], b[0], b[1], b[2], b[3]};
    CustomerState together = applyAll(all);

    merge.absorb(into, from);

    assertThat(into.pageViews).isEqualTo(together.pageViews).isEqualTo(1);
    assertThat(into.productViews).isEqualTo(1);
    assertThat(into.orders).isEqualTo(together.orders).isEqualTo(3);
    assertThat(into.spendMinor).isEqualTo(together.spendMinor).isEqualTo(3_900);
    assertThat(into.currency).isEqualTo("EUR");
    assertThat(into.serviceCalls).isEqualTo(2);
    assertThat(into.complaints).isEqualTo(1);
    assertThat(into.unresolvedCalls).isEqualTo(1);
    assertThat(into.satisfactionSum).isEqualTo(7);
    assertThat(into.lastNps).as("the later customer's answer").isEqualTo(9);
    assertThat(into.firstSeen).isEqualTo(10 * DAY);
    assertThat(into.lastSeen).isEqualTo(13 * DAY);
    assertThat(into.purchases.repeatPurchases()).isEqualTo(together.purchases.repeatPurchases()).isEqualTo(2);
    assertThat(into.purchases.totalAmountMinor()).isEqualTo(3_900);
    assertThat(into.purchases.firstDayAmountMinor()).isEqualTo(1_000);
    assertThat(into.purchases.meanRepeatAmountMinor()).isEqualTo(together.purchases.meanRepeatAmountMinor()).isEqualTo(1_450);
    long today = 13;
    for (Metric metric : Metric.values()) {
      assertThat(into.daily.sum(metric, today, 90)).as(metric.name()).isEqualTo(together.daily.sum(metric, today, 90));
    }
    assertThat(into.categories.top(1)).containsExactly("books");
  }

  @Test
  void aPurchaseDayBothHadCountsOnce() {
    CustomerState into = customer(paid(5 * DAY, 100, "EUR"), paid(7 * DAY, 100, "EUR"));
    CustomerState from = customer(paid(7 * DAY + MIN, 300, "EUR"), paid(9 * DAY, 100, "EUR"));
    merge.absorb(into, from);
    assertThat(into.purchases.repeatPurchases()).as("days 5, 7, 9").isEqualTo(2);
    assertThat(into.purchases.firstDay()).isEqualTo(5);
    assertThat(into.purchases.lastDay()).isEqualTo(9);
    assertThat(into.purchases.recentDays()).containsExactly(5, 7, 9);

    CustomerState sameFirst = customer(paid(5 * DAY, 100, "EUR"));
    CustomerState alsoFirst = customer(paid(5 * DAY + MIN, 50, "EUR"));
    merge.absorb(sameFirst, alsoFirst);
    assertThat(sameFirst.purchases.repeatPurchases()).isZero();
    assertThat(sameFirst.purchases.firstDayAmountMinor()).isEqualTo(150);
  }

  @Test
  void anEarlierFirstPurchaseOfTheOtherBecomesTheFirstDay() {
    CustomerState into = customer(paid(8 * DAY, 100, "EUR"));
    CustomerState from = customer(paid(3 * DAY, 70, "EUR"));
    merge.absorb(into, from);
    assertThat(into.purchases.firstDay()).isEqualTo(3);
    assertThat(into.purchases.firstDayAmountMinor()).isEqualTo(70);
    assertThat(into.purchases.repeatPurchases()).isEqualTo(1);
    assertThat(into.purchases.meanRepeatAmountMinor()).isEqualTo(100);
  }

  @Test
  void spendInAnotherCurrencyIsCountedNotSummed() {
    CustomerState into = customer(paid(DAY, 1_000, "EUR"));
    CustomerState from = customer(paid(2 * DAY, 900, "USD"), paid(3 * DAY, 100, "USD"));
    merge.absorb(into, from);
    assertThat(into.spendMinor).isEqualTo(1_000);
    assertThat(into.currency).isEqualTo("EUR");
    assertThat(into.foreignCurrencyOrders).isEqualTo(2);
    assertThat(into.orders).isEqualTo(3);
  }

  @Test
  void overlappingOpenSessionsBecomeOneAndSeparateOnesStaySeparate() {
    CustomerState into = customer(at(EventKind.PAGE_VIEW, DAY), at(EventKind.PAGE_VIEW, DAY + 5 * MIN));
    CustomerState from = customer(at(EventKind.PAGE_VIEW, DAY + 10 * MIN));
    merge.absorb(into, from);
    assertThat(into.sessions).as("closed sessions").isZero();
    assertThat(into.sessionStart).isEqualTo(DAY);
    assertThat(into.sessionLast).isEqualTo(DAY + 10 * MIN);
    assertThat(into.daily.sum(Metric.SESSIONS, 1, 1)).isEqualTo(1);

    CustomerState morning = customer(at(EventKind.PAGE_VIEW, DAY), at(EventKind.PAGE_VIEW, DAY + 5 * MIN));
    CustomerState evening = customer(at(EventKind.PAGE_VIEW, DAY + 600 * MIN));
    merge.absorb(morning, evening);
    assertThat(morning.sessions).isEqualTo(1);
    assertThat(morning.sessionMillis).isEqualTo(5 * MIN);
    assertThat(morning.sessionStart).isEqualTo(DAY + 600 * MIN);
    assertThat(morning.daily.sum(Metric.SESSIONS, 1, 1)).isEqualTo(2);
  }

  @Test
  void theOpenCartIsTheEarlierAndContactDetailsComeFromTheNewer() {
    CustomerState into = customer(at(EventKind.ADD_TO_CART, 2 * DAY));
    into.emailPseudonym = "pii1:old-email-of-into-aaaa";
    CustomerState from = customer(at(EventKind.ADD_TO_CART, 2 * DAY - MIN), at(EventKind.PAGE_VIEW, 2 * DAY + 60 * MIN));
    from.emailPseudonym = "pii1:new-email-of-from-bbbb";
    from.phonePseudonym = "pii1:phone-of-from-ccccccc";
    from.signedUpAt = DAY;
    merge.absorb(into, from);
    assertThat(into.cartOpenSince).isEqualTo(2 * DAY - MIN);
    assertThat(into.emailPseudonym).isEqualTo("pii1:new-email-of-from-bbbb");
    assertThat(into.phonePseudonym).isEqualTo("pii1:phone-of-from-ccccccc");
    assertThat(into.signedUpAt).isEqualTo(DAY);
    assertThat(into.version).as("the updates of both keys: one event and two").isEqualTo(3);
  }
}
