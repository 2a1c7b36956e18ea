package dev.customerpulse.state;

import java.util.Arrays;

/**
 * A customer's purchases as the CLV models see them: distinct purchase days (several purchases on
 * one day count once), the first and the last, and the money spent on the first day and in total.
 * Kept incrementally and in bounded space; a late purchase within the last few purchase days is
 * still merged into its own day. Pure Java, no Flink types: the streaming operator, the fitter and
 * the evaluation all use it.
 */
public final class PurchaseHistory {
  /** Distinct purchase days remembered to merge late purchases into their day. */
  static final int RECENT_DAYS = 8;
  public static final long DAY_MILLIS = 86_400_000L;

  /** Epoch day of the first purchase, or Long.MIN_VALUE before any. */
  private long firstDay = Long.MIN_VALUE;
  private long lastDay = Long.MIN_VALUE;
  /** Repeat purchase days: distinct purchase days after the first. */
  private int repeatDays;
  private long firstDayAmountMinor;
  private long totalAmountMinor;
  /** Most recent distinct purchase days, ascending; unused slots are Long.MIN_VALUE. */
  private long[] recentDays = new long[0];

  public PurchaseHistory() {}

  /** Restores a history from its parts (state deserialization). */
  public PurchaseHistory(long firstDay, long lastDay, int repeatDays, long firstDayAmountMinor, long totalAmountMinor,
      long[] recentDays) {
    this.firstDay = firstDay;
    this.lastDay = lastDay;
    this.repeatDays = repeatDays;
    this.firstDayAmountMinor = firstDayAmountMinor;
    this.totalAmountMinor = totalAmountMinor;
    this.recentDays = recentDays;
  }

  public void addPurchase(long eventTimeMillis, long amountMinor) {
    long day = Math.floorDiv(eventTimeMillis, DAY_MILLIS);
    totalAmountMinor += amountMinor;
    if (firstDay == Long.MIN_VALUE) {
      firstDay = day;
      lastDay = day;
      firstDayAmountMinor = amountMinor;
      remember(day);
      return;
    }
    if (day == firstDay) {
      firstDayAmountMinor += amountMinor;
      return;
    }
    if (day < firstDay) {
      // A late purchase before the first: the old first day becomes a repeat day.
      repeatDays++;
      firstDay = day;
      firstDayAmountMinor = amountMinor;
      remember(day);
      return;
    }
    if (Arrays.binarySearch(recentDays, day) >= 0) {
      return;
    }
    repeatDays++;
    lastDay = Math.max(lastDay, day);
    remember(day);
  }

  private void remember(long day) {
    long[] days = Arrays.copyOf(recentDays, recentDays.length + 1);
    days[days.length - 1] = day;
    Arrays.sort(days);
    recentDays = days.length > RECENT_DAYS ? Arrays.copyOfRange(days, days.length - RECENT_DAYS, days.length) : days;
  }

  /**
   * Adds another history of the same person (a customer merge). Distinct purchase days are counted
   * once: a day both histories share is recognised when it is among the last few purchase days of
   * each (or is the first day of both); older shared days would count twice.
   */
  public void absorb(PurchaseHistory other) {
    if (!other.hasPurchases()) {
      return;
    }
    if (!hasPurchases()) {
      firstDay = other.firstDay;
      lastDay = other.lastDay;
      repeatDays = other.repeatDays;
      firstDayAmountMinor = other.firstDayAmountMinor;
      totalAmountMinor = other.totalAmountMinor;
      recentDays = other.recentDays.clone();
      return;
    }
    int shared = 0;
    for (long day : other.recentDays) {
      if (Arrays.binarySearch(recentDays, day) >= 0) {
        shared++;
      }
    }
    if (firstDay == other.firstDay && (Arrays.binarySearch(recentDays, firstDay) < 0
        || Arrays.binarySearch(other.recentDays, firstDay) < 0)) {
      shared++;
    }
    int distinctDays = (repeatDays + 1) + (other.repeatDays + 1) - shared;
    if (other.firstDay < firstDay) {
      firstDayAmountMinor = other.firstDayAmountMinor;
    } else if (other.firstDay == firstDay) {
      firstDayAmountMinor += other.firstDayAmountMinor;
    }
    firstDay = Math.min(firstDay, other.firstDay);
    lastDay = Math.max(lastDay, other.lastDay);
    repeatDays = distinctDays - 1;
    totalAmountMinor += other.totalAmountMinor;
    long[] union = java.util.stream.LongStream.concat(Arrays.stream(recentDays), Arrays.stream(other.recentDays))
        .distinct().sorted().toArray();
    recentDays = union.length > RECENT_DAYS ? Arrays.copyOfRange(union, union.length - RECENT_DAYS, union.length) : union;
  }

  public boolean hasPurchases() {
    return firstDay != Long.MIN_VALUE;
  }

  /** Whole days from the last purchase day to the day of {@code nowMillis} (RFM recency); 0 at most. */
  public long daysSinceLast(long nowMillis) {
    return Math.max(0, Math.floorDiv(nowMillis, DAY_MILLIS) - lastDay);
  }

  /** Distinct purchase days (RFM frequency). */
  public long purchaseDays() {
    return hasPurchases() ? repeatDays + 1L : 0;
  }

  /** x: repeat purchase days. */
  public int repeatPurchases() {
    return repeatDays;
  }

  /** tx: time from the first to the last purchase day, in time units of {@code unitMillis}. */
  public double recency(long unitMillis) {
    return hasPurchases() ? (double) (lastDay - firstDay) * DAY_MILLIS / unitMillis : 0;
  }

  /**
   * T: whole days from the first purchase day to the day of {@code nowMillis}, in time units. Days,
   * as in the CLV literature's data: a customer's age (and so P(alive)) moves on once a day.
   */
  public double age(long nowMillis, long unitMillis) {
    return hasPurchases() ? Math.max(0, (double) (Math.floorDiv(nowMillis, DAY_MILLIS) - firstDay) * DAY_MILLIS / unitMillis) : 0;
  }

  /** Mean value of the repeat purchase days in minor units; 0 without repeat purchases. */
  public double meanRepeatAmountMinor() {
    return repeatDays == 0 ? 0 : (double) (totalAmountMinor - firstDayAmountMinor) / repeatDays;
  }

  public long firstDay() {
    return firstDay;
  }

  public long lastDay() {
    return lastDay;
  }

  public long firstDayAmountMinor() {
    return firstDayAmountMinor;
  }

  public long totalAmountMinor() {
    return totalAmountMinor;
  }

  public long[] recentDays() {
    return recentDays;
  }
}
