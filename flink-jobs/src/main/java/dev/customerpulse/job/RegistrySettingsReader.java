package dev.customerpulse.job;

import static dev.customerpulse.job.PulseOptions.*;

import dev.customerpulse.connectors.registry.RegistryRetries;
import dev.customerpulse.connectors.registry.RegistrySettings;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;

/** Reads the schema registry's settings, pulse.registry.*, for {@link PulseSettings}. */
final class RegistrySettingsReader {
  /** Time limit of one request to the registry. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private RegistrySettingsReader() {}

  static RegistrySettings registry(Configuration conf) {
    String url = PulseSettings.required(conf, REGISTRY_URL);
    RegistryRetries retries = retries(conf);
    try {
      return new RegistrySettings(url, conf.get(REGISTRY_USERNAME), conf.get(REGISTRY_PASSWORD),
          conf.get(REGISTRY_TRUSTSTORE), conf.get(REGISTRY_TRUSTSTORE_PASSWORD), conf.get(REGISTRY_AUTO_REGISTER),
          REQUEST_TIMEOUT, retries);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(REGISTRY_URL.key() + ": " + e.getMessage(), e);
    }
  }

  static RegistryRetries retries(Configuration conf) {
    int unknownIdRetries = conf.get(REGISTRY_UNKNOWN_ID_RETRIES);
    if (unknownIdRetries < 0) {
      throw new ConfigException(REGISTRY_UNKNOWN_ID_RETRIES.key() + " must be 0 or more, got " + unknownIdRetries);
    }
    return new RegistryRetries(unknownIdRetries, PulseSettings.positive(conf, REGISTRY_UNKNOWN_ID_BACKOFF, true),
        PulseSettings.positive(conf, REGISTRY_UNKNOWN_ID_MEMORY, true), PulseSettings.positive(conf, REGISTRY_OUTAGE_TOLERANCE, true),
        PulseSettings.positive(conf, REGISTRY_OUTAGE_BACKOFF_MAX, false));
  }

  /**
   * The outage tolerance must end before the exactly-once sinks' transactions time out: a source
   * waiting for the registry holds back the checkpoint that would commit them.
   */
  static void checkAgainstTransactions(RegistrySettings registry, Duration transactionTimeout) {
    Duration tolerance = registry.retries().outageTolerance();
    if (tolerance.compareTo(transactionTimeout) >= 0) {
      throw new ConfigException(REGISTRY_OUTAGE_TOLERANCE.key() + " is " + tolerance.toSeconds() + " s, not below "
          + TRANSACTION_TIMEOUT.key() + " (" + transactionTimeout.toSeconds() + " s): a source waiting out a registry"
          + " outage holds back the checkpoint that commits the Kafka transactions; lower it below that");
    }
  }
}
