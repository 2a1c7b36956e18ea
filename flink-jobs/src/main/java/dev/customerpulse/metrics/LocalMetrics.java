package dev.customerpulse.metrics;

import dev.customerpulse.connectors.metrics.HdrHistogramMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;

/**
 * The metrics of a job running on a local MiniCluster in this JVM, as registered through
 * {@link LocalMetricsReporter}: the demo's progress line and the benchmark read them directly,
 * without sampling delay. Metrics of all subtasks are summed (counters) or merged (histograms).
 */
public final class LocalMetrics {
  // Indexed by name: Kafka clients register thousands of metrics, and readers poll often.
  private static final Map<String, Set<Metric>> BY_NAME = new ConcurrentHashMap<>();

  private LocalMetrics() {}

  static void add(Metric metric, String name) {
    BY_NAME.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(metric);
  }

  static void remove(Metric metric, String name) {
    Set<Metric> metrics = BY_NAME.get(name);
    if (metrics != null) {
      metrics.remove(metric);
    }
  }

  private static Set<Metric> named(String name) {
    return BY_NAME.getOrDefault(name, Set.of());
  }

  /** Sum of every counter registered under this name. */
  public static long count(String name) {
    long sum = 0;
    for (Metric metric : named(name)) {
      if (metric instanceof Counter counter) {
        sum += counter.getCount();
      }
    }
    return sum;
  }

  /** Numeric value of the first gauge with this name, or -1 when none is registered yet. */
  public static long gauge(String name) {
    for (Metric metric : named(name)) {
      if (metric instanceof Gauge<?> gauge && gauge.getValue() instanceof Number n) {
        return n.longValue();
      }
    }
    return -1;
  }

  /** Sum of the numeric gauges with this name (e.g. a RocksDB property of every subtask). */
  public static long gaugeSum(String name) {
    long sum = 0;
    for (Metric metric : named(name)) {
      if (metric instanceof Gauge<?> gauge && gauge.getValue() instanceof Number n) {
        sum += n.longValue();
      }
    }
    return sum;
  }

  /** Largest of the numeric gauges with this name (e.g. the oldest subtask's), or -1 when none is registered. */
  public static long gaugeMax(String name) {
    long max = -1;
    for (Metric metric : named(name)) {
      if (metric instanceof Gauge<?> gauge && gauge.getValue() instanceof Number n) {
        max = Math.max(max, n.longValue());
      }
    }
    return max;
  }

  /** All HdrHistogram metrics with this name merged into one copy. */
  public static Histogram histogram(String name) {
    Histogram merged = new Histogram(3_600_000L, 3);
    for (HdrHistogramMetric metric : histograms(name)) {
      merged.add(metric.copy());
    }
    return merged;
  }

  /** Total number of values recorded in the histograms with this name, without copying them. */
  public static long histogramCount(String name) {
    long sum = 0;
    for (HdrHistogramMetric metric : histograms(name)) {
      sum += metric.getCount();
    }
    return sum;
  }

  /** Clears the HdrHistogram metrics with this name (the end of a benchmark's warm-up). */
  public static void resetHistogram(String name) {
    histograms(name).forEach(HdrHistogramMetric::reset);
  }

  private static List<HdrHistogramMetric> histograms(String name) {
    List<HdrHistogramMetric> found = new ArrayList<>();
    for (Metric metric : named(name)) {
      if (metric instanceof HdrHistogramMetric h) {
        found.add(h);
      }
    }
    return found;
  }
}
