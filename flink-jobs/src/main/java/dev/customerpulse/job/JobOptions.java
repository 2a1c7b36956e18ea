package dev.customerpulse.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;

/** Where further settings come from, the profile operator's state cache and how long customers are kept. A section of {@link PulseOptions}. */
public interface JobOptions {
  ConfigOption<String> CONFIG_DIR = key("pulse.config-dir")
      .stringType().noDefaultValue()
      .withDescription("Directory holding a config.yaml with further settings (the Helm chart mounts its ConfigMap here)."
          + " For the job's main; its settings override the cluster's, and PULSE_* variables and arguments override it.");

  ConfigOption<Integer> STATE_CACHE_CUSTOMERS = key("pulse.state.cache-customers")
      .intType().defaultValue(10_000)
      .withDescription("Customer states each instance of the profile operator keeps on the heap, written back to RocksDB"
          + " when evicted (least recently used) and before every checkpoint: a customer with several events between"
          + " checkpoints is then read and written once. Heap cost: about 1 to 6 KB per customer (more with more days"
          + " of history). 0 reads and writes RocksDB on every event.");

  ConfigOption<Duration> SNAPSHOT_DELAY = key("pulse.profiles.snapshot-delay")
      .durationType().defaultValue(Duration.ofSeconds(1))
      .withDescription("How long after a customer's first change not yet on the customer-profiles topic their latest profile"
          + " goes there: a customer's events within this delay make one profile record. Whatever waits is also written"
          + " before every checkpoint, so records leave steadily rather than in one burst per checkpoint. 0 writes a record"
          + " per update.");

  ConfigOption<Duration> CUSTOMER_RETENTION = key("pulse.retention.inactive-customer")
      .durationType().defaultValue(Duration.ofDays(730))
      .withDescription("A customer silent this long (event time) is forgotten: state, timer and Redis profile are deleted.");
}
