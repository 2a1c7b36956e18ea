package dev.customerpulse.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PurchaseHistoryTest {
  private static final long DAY = PurchaseHistory.DAY_MILLIS;
  private static final long WEEK = 7 * DAY;

  @Test
  void purchasesOnOneDayCountOnceAndTheFirstDayIsNotARepeat() {
    PurchaseHistory h = new PurchaseHistory();
    h.addPurchase(0, 1_000);
    h.addPurchase(3_600_000, 500);
    h.addPurchase(14 * DAY, 2_000);
    h.addPurchase(14 * DAY + 60_000, 1_000);
    h.addPurchase(21 * DAY, 4_000);

    assertThat(h.repeatPurchases()).isEqualTo(2);
    assertThat(h.recency(WEEK)).isEqualTo(3.0);
    assertThat(h.age(28 * DAY, WEEK)).isEqualTo(4.0);
    assertThat(h.meanRepeatAmountMinor()).isEqualTo((3_000 + 4_000) / 2.0);
  }

  @Test
  void aLatePurchaseIsMergedIntoItsDayOrBecomesTheFirst() {
    PurchaseHistory h = new PurchaseHistory();
    h.addPurchase(10 * DAY, 1_000);
    h.addPurchase(20 * DAY, 2_000);
    h.addPurchase(20 * DAY + 1, 100);
    h.addPurchase(10 * DAY + 5, 100);
    assertThat(h.repeatPurchases()).as("late purchases on known days add no day").isEqualTo(1);

    h.addPurchase(15 * DAY, 300);
    assertThat(h.repeatPurchases()).isEqualTo(2);

    h.addPurchase(5 * DAY, 700);
    assertThat(h.repeatPurchases()).as("the old first day becomes a repeat day").isEqualTo(3);
    assertThat(h.firstDay()).isEqualTo(5);
    assertThat(h.lastDay()).isEqualTo(20);
    assertThat(h.meanRepeatAmountMinor()).isEqualTo((1_100 + 2_100 + 300) / 3.0);
  }

  @Test
  void aCustomerWithoutPurchasesHasNothingToMeasure() {
    PurchaseHistory h = new PurchaseHistory();
    assertThat(h.hasPurchases()).isFalse();
    assertThat(h.age(100 * DAY, WEEK)).isZero();
    assertThat(h.meanRepeatAmountMinor()).isZero();
  }
}
