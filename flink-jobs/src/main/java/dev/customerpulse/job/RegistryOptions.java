package dev.customerpulse.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import dev.customerpulse.connectors.registry.RegistryRetries;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;

/** The Confluent-compatible schema registry. A section of {@link PulseOptions}. */
public interface RegistryOptions {
  ConfigOption<String> REGISTRY_URL = key("pulse.registry.url")
      .stringType().noDefaultValue()
      .withDescription("Base URL of the Confluent-compatible schema registry. Required.");

  ConfigOption<String> REGISTRY_USERNAME = key("pulse.registry.username")
      .stringType().noDefaultValue().withDescription("Schema registry basic-auth user.");

  ConfigOption<String> REGISTRY_PASSWORD = key("pulse.registry.password")
      .stringType().noDefaultValue().withDescription("Schema registry basic-auth password.");

  ConfigOption<String> REGISTRY_TRUSTSTORE = key("pulse.registry.truststore")
      .stringType().noDefaultValue()
      .withDescription("Trust store (.jks or .p12) for a registry behind TLS with a private CA.");

  ConfigOption<String> REGISTRY_TRUSTSTORE_PASSWORD = key("pulse.registry.truststore-password")
      .stringType().noDefaultValue().withDescription("Password of the registry trust store.");

  ConfigOption<Boolean> REGISTRY_AUTO_REGISTER = key("pulse.registry.auto-register")
      .booleanType().defaultValue(true)
      .withDescription("Whether the job, and the pulse commands that write records (generate, rules publish), may register"
          + " the schemas they write. Off: they must be registered first ('pulse schemas register').");

  ConfigOption<Integer> REGISTRY_UNKNOWN_ID_RETRIES = key("pulse.registry.unknown-id-retries")
      .intType().defaultValue(RegistryRetries.defaults().unknownIdRetries())
      .withDescription("How many more times a schema id the registry answers 404 (unknown) for is asked for, with"
          + " pulse.registry.unknown-id-backoff doubled between tries, before its record is an UNKNOWN_SCHEMA_ID dead"
          + " letter: a registry replica may not have a just-registered schema yet. 0 dead-letters at the first 404.");

  ConfigOption<Duration> REGISTRY_UNKNOWN_ID_BACKOFF = key("pulse.registry.unknown-id-backoff")
      .durationType().defaultValue(RegistryRetries.defaults().unknownIdBackoff())
      .withDescription("Wait before the first retry of an unknown schema id, doubled before each next one (at most"
          + " 10 s); the default retries span 3.1 s.");

  ConfigOption<Duration> REGISTRY_UNKNOWN_ID_MEMORY = key("pulse.registry.unknown-id-memory")
      .durationType().defaultValue(RegistryRetries.defaults().unknownIdMemory())
      .withDescription("How long a schema id stays known as unknown once its retries are spent: records with it become"
          + " dead letters at once, without retries, so a flood of them costs the retries once per TaskManager in this"
          + " time; a schema registered later is found after it. 0 remembers nothing.");

  ConfigOption<Duration> REGISTRY_OUTAGE_TOLERANCE = key("pulse.registry.outage-tolerance")
      .durationType().defaultValue(RegistryRetries.defaults().outageTolerance())
      .withDescription("How long the registry may stay unreachable (connection refused, timeouts, HTTP 5xx) while a"
          + " source that needs a schema it has not fetched yet waits (backpressure) and retries with exponential"
          + " backoff; beyond it the task fails. Schemas already fetched keep decoding meanwhile. Keep it below"
          + " pulse.kafka.transaction-timeout and Flink's execution.checkpointing.timeout: a waiting source holds"
          + " back checkpoints.");

  ConfigOption<Duration> REGISTRY_OUTAGE_BACKOFF_MAX = key("pulse.registry.outage-backoff-max")
      .durationType().defaultValue(RegistryRetries.defaults().outageBackoffMax())
      .withDescription("Longest wait between two tries while the registry is unreachable; the first wait is 100 ms,"
          + " doubled after each failed try up to this.");
}
