package dev.customerpulse.state;

import java.util.Arrays;

/**
 * Per-day counts of a customer's activity over the last {@link #DAYS} days of event time: only days
 * with activity take space, so state stays small. An event lands in the bucket of its own day, so
 * late events within the window are counted where they belong. Windows are relative to a "today".
 */
public final class DailyBuckets {
  /** Days kept; the longest window is this long. */
  public static final int DAYS = 90;

  /** Epoch days with activity, ascending. */
  private int[] days;
  /** {@code Metric.COUNT} values per day, in the order of {@link #days}. */
  private long[] values;
  private int size;

  public DailyBuckets() {
    this(new int[4], new long[4 * Metric.COUNT], 0);
  }

  /** Restores buckets from their parts (state deserialization). */
  public DailyBuckets(int[] days, long[] values, int size) {
    this.days = days;
    this.values = values;
    this.size = size;
  }

  /**
   * Adds to a metric on a day. Days that fell out of the window behind {@code newestDay} are dropped
   * first; an event older than the window is not bucketed (it still counts in lifetime totals).
   */
  public void add(long day, Metric metric, long delta, long newestDay) {
    prune(newestDay);
    if (day <= newestDay - DAYS) {
      return;
    }
    int slot = slotFor((int) day);
    values[slot * Metric.COUNT + metric.ordinal()] += delta;
  }

  /** Sum of a metric over the {@code length} days ending with {@code today} (inclusive). */
  public long sum(Metric metric, long today, int length) {
    return sumBetween(metric, today - length + 1, today);
  }

  /** Sum of a metric over the days from {@code first} to {@code last}, both inclusive. */
  public long sumBetween(Metric metric, long first, long last) {
    long sum = 0;
    for (int i = 0; i < size; i++) {
      if (days[i] >= first && days[i] <= last) {
        sum += values[i * Metric.COUNT + metric.ordinal()];
      }
    }
    return sum;
  }

  /** Drops the days that fell out of the window behind {@code newestDay}. */
  public void prune(long newestDay) {
    int drop = 0;
    while (drop < size && days[drop] <= newestDay - DAYS) {
      drop++;
    }
    if (drop > 0) {
      System.arraycopy(days, drop, days, 0, size - drop);
      System.arraycopy(values, drop * Metric.COUNT, values, 0, (size - drop) * Metric.COUNT);
      size -= drop;
      Arrays.fill(values, size * Metric.COUNT, (size + drop) * Metric.COUNT, 0);
    }
  }

  private int slotFor(int day) {
    int found = Arrays.binarySearch(days, 0, size, day);
    if (found >= 0) {
      return found;
    }
    int insert = -found - 1;
    if (size == days.length) {
      days = Arrays.copyOf(days, days.length * 2);
      values = Arrays.copyOf(values, days.length * Metric.COUNT);
    }
    System.arraycopy(days, insert, days, insert + 1, size - insert);
    System.arraycopy(values, insert * Metric.COUNT, values, (insert + 1) * Metric.COUNT, (size - insert) * Metric.COUNT);
    days[insert] = day;
    Arrays.fill(values, insert * Metric.COUNT, (insert + 1) * Metric.COUNT, 0);
    size++;
    return insert;
  }

  /** Adds every day of {@code other} (a customer merge); days out of the window behind {@code newestDay} are dropped. */
  public void absorb(DailyBuckets other, long newestDay) {
    for (int i = 0; i < other.size; i++) {
      for (Metric metric : Metric.values()) {
        long value = other.value(i, metric);
        if (value != 0) {
          add(other.day(i), metric, value, newestDay);
        }
      }
    }
  }

  public int size() {
    return size;
  }

  /** The day of slot {@code i} (0 = oldest). */
  public int day(int i) {
    return days[i];
  }

  /** The value of a metric in slot {@code i}. */
  public long value(int i, Metric metric) {
    return values[i * Metric.COUNT + metric.ordinal()];
  }

  public DailyBuckets copy() {
    return new DailyBuckets(Arrays.copyOf(days, Math.max(1, size)), Arrays.copyOf(values, Math.max(1, size) * Metric.COUNT), size);
  }
}
