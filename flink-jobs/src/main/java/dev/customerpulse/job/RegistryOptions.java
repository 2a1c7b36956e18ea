package dev.customerpulse.job;

import static org.apache.flink.configuration.ConfigOptions.key;

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
}
