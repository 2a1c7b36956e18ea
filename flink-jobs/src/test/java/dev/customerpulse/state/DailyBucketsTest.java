package dev.customerpulse.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DailyBucketsTest {

  @Test
  void sumsWindowsEndingTodayInclusive() {
    DailyBuckets b = new DailyBuckets();
    b.add(100, Metric.VIEWS, 1, 100);
    b.add(94, Metric.VIEWS, 2, 100);
    b.add(93, Metric.VIEWS, 4, 100);
    b.add(71, Metric.VIEWS, 8, 100);
    b.add(70, Metric.VIEWS, 16, 100);
    b.add(70, Metric.ORDERS, 1, 100);

    assertThat(b.sum(Metric.VIEWS, 100, 7)).isEqualTo(1 + 2);
    assertThat(b.sum(Metric.VIEWS, 100, 30)).isEqualTo(1 + 2 + 4 + 8);
    assertThat(b.sum(Metric.VIEWS, 100, 90)).isEqualTo(31);
    assertThat(b.sum(Metric.ORDERS, 100, 90)).isEqualTo(1);
    assertThat(b.sumBetween(Metric.VIEWS, 71, 93)).isEqualTo(12);
  }

  @Test
  void daysOutsideTheWindowAreDroppedAndOldEventsIgnored() {
    DailyBuckets b = new DailyBuckets();
    b.add(10, Metric.VIEWS, 1, 10);
    b.add(11, Metric.VIEWS, 1, 11);
    b.add(100, Metric.VIEWS, 1, 100);
    assertThat(b.size()).as("day 10 fell out behind day 100").isEqualTo(2);

    b.add(5, Metric.VIEWS, 1, 100);
    assertThat(b.size()).isEqualTo(2);
    b.add(101, Metric.VIEWS, 1, 101);
    assertThat(b.size()).as("day 11 is out now").isEqualTo(2);
    assertThat(b.day(0)).isEqualTo(100);
  }

  @Test
  void lateDaysAreInsertedInOrder() {
    DailyBuckets b = new DailyBuckets();
    for (int day : new int[] {50, 10, 30, 20, 40, 60}) {
      b.add(day, Metric.SESSIONS, day, 60);
    }
    assertThat(b.size()).isEqualTo(6);
    for (int i = 0; i < 6; i++) {
      assertThat(b.day(i)).isEqualTo(10 * (i + 1));
      assertThat(b.value(i, Metric.SESSIONS)).isEqualTo(10L * (i + 1));
    }
  }
}
