package dev.customerpulse.connectors.metrics;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.flink.metrics.HistogramStatistics;

/**
 * A Flink histogram metric over an HdrHistogram (3 significant digits, values 0 to 3,600,000: a
 * latency up to an hour in milliseconds, or a batch size), so that
 * percentiles are exact to the recorded precision rather than sampled. Readers may also take a
 * copy of the underlying histogram to merge across subtasks.
 */
public final class HdrHistogramMetric implements org.apache.flink.metrics.Histogram {
  private final ConcurrentHistogram histogram = new ConcurrentHistogram(3_600_000L, 3);

  @Override
  public void update(long value) {
    histogram.recordValue(Math.max(0, Math.min(value, histogram.getHighestTrackableValue())));
  }

  @Override
  public long getCount() {
    return histogram.getTotalCount();
  }

  /** A consistent copy, safe to read and merge on another thread. */
  public Histogram copy() {
    return histogram.copy();
  }

  public void reset() {
    histogram.reset();
  }

  @Override
  public HistogramStatistics getStatistics() {
    Histogram snapshot = histogram.copy();
    return new HistogramStatistics() {
      @Override
      public double getQuantile(double quantile) {
        return snapshot.getValueAtPercentile(quantile * 100);
      }

      @Override
      public long[] getValues() {
        // Percentile access is the point of this metric; raw values are not kept.
        return new long[0];
      }

      @Override
      public int size() {
        return (int) Math.min(Integer.MAX_VALUE, snapshot.getTotalCount());
      }

      @Override
      public double getMean() {
        return snapshot.getMean();
      }

      @Override
      public double getStdDev() {
        return snapshot.getStdDeviation();
      }

      @Override
      public long getMax() {
        return snapshot.getMaxValue();
      }

      @Override
      public long getMin() {
        return snapshot.getMinValue();
      }
    };
  }
}
