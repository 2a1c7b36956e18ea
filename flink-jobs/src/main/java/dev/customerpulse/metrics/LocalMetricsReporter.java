package dev.customerpulse.metrics;

import java.util.Properties;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/** Hands every metric of a local MiniCluster to {@link LocalMetrics}. Enable with {@link #enable}. */
public final class LocalMetricsReporter implements MetricReporter {

  /** Flink instantiates the reporter through this factory (registered in META-INF/services). */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      return new LocalMetricsReporter();
    }
  }

  /** Adds the reporter to a configuration for a local run. */
  public static void enable(org.apache.flink.configuration.Configuration conf) {
    conf.setString("metrics.reporter.pulse_local.factory.class", Factory.class.getName());
  }

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
    LocalMetrics.add(metric, name);
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
    LocalMetrics.remove(metric, name);
  }
}
