package dev.customerpulse.segments;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The lifetime values of all buying customers, one day at a time, in a KLL quantile sketch
 * (Apache DataSketches): every buying customer sends one sample a day (their CLV as of that day), so
 * a day's sketch is the population as it was that day, whatever its size, in a few kilobytes. When the
 * first sample of a later day arrives, the finished day yields the tier percentiles ({@link ClvCuts}).
 * With k = 200 a percentile's rank is off by at most about 1.3 % (99 % confidence).
 */
public final class ClvPopulation {
  static final int K = 200;
  private static final long NO_DAY = Long.MIN_VALUE;

  private final ValueTierPolicy tiers;
  private final long minCustomers;
  private long day = NO_DAY;
  private KllDoublesSketch sketch = KllDoublesSketch.newHeapInstance(K);

  /** @param minCustomers fewer samples than this in a day give no percentiles (too few to rank) */
  public ClvPopulation(ValueTierPolicy tiers, long minCustomers) {
    this.tiers = tiers;
    this.minCustomers = minCustomers;
  }

  /**
   * Adds one customer's CLV on {@code sampleDay}. Returns the percentiles of the day that just ended
   * when this sample starts a later day, else null. A late sample of an earlier day counts in the
   * current one.
   */
  public ClvCuts add(long sampleDay, double clvMinor) {
    ClvCuts finished = null;
    if (day == NO_DAY) {
      day = sampleDay;
    } else if (sampleDay > day) {
      finished = cuts();
      day = sampleDay;
      sketch = KllDoublesSketch.newHeapInstance(K);
    }
    if (!Double.isNaN(clvMinor)) {
      sketch.update(clvMinor);
    }
    return finished;
  }

  /** The percentiles of the current day's samples, or null when there are too few. */
  public ClvCuts cuts() {
    if (sketch.getN() < minCustomers || sketch.isEmpty()) {
      return null;
    }
    return new ClvCuts(day, sketch.getN(), tiers.potentialPercentile(), tiers.highPercentile(), tiers.vipPercentile(),
        quantile(tiers.potentialPercentile()), quantile(tiers.highPercentile()), quantile(tiers.vipPercentile()));
  }

  private double quantile(double percentile) {
    return sketch.getQuantile(percentile / 100, QuantileSearchCriteria.INCLUSIVE);
  }

  public long day() {
    return day;
  }

  public long customers() {
    return sketch.getN();
  }

  /** The day and the sketch, for a checkpoint. */
  public byte[] snapshot() {
    byte[] bytes = sketch.toByteArray();
    byte[] out = new byte[8 + bytes.length];
    java.nio.ByteBuffer.wrap(out).putLong(day).put(bytes);
    return out;
  }

  public void restore(byte[] snapshot) {
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(snapshot);
    day = in.getLong();
    byte[] bytes = new byte[in.remaining()];
    in.get(bytes);
    sketch = KllDoublesSketch.heapify(Memory.wrap(bytes));
  }
}
