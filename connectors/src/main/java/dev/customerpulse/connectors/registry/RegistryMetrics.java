package dev.customerpulse.connectors.registry;

import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The metrics of a registry client, added to a task's metric group. The client is shared by the
 * tasks of one JVM, so every task that registers them shows its TaskManager's client.
 */
public final class RegistryMetrics {
  /** Seconds the registry has been unreachable in the current outage, 0 while it is reachable. */
  public static final String UNAVAILABLE_SECONDS = "unavailableSeconds";
  /** Tries that failed with connection refused, a timeout or HTTP 5xx, since the TaskManager started. */
  public static final String OUTAGE_RETRIES = "outageRetries";
  /** Schema id requests repeated after a 404, since the TaskManager started. */
  public static final String UNKNOWN_ID_RETRIES = "unknownIdRetries";

  private RegistryMetrics() {}

  public static void register(MetricGroup group, SchemaRegistryClient client) {
    group.gauge(UNAVAILABLE_SECONDS, (Gauge<Long>) () -> client.health().unavailableSeconds());
    group.gauge(OUTAGE_RETRIES, (Gauge<Long>) () -> client.health().outageRetries());
    group.gauge(UNKNOWN_ID_RETRIES, (Gauge<Long>) () -> client.health().unknownIdRetries());
  }
}
