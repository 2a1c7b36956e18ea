package dev.customerpulse.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;

/** Identity stitching and the pseudonymisation of contact data. A section of {@link PulseOptions}. */
public interface IdentityOptions {
  ConfigOption<Integer> MAX_CUSTOMERS_PER_ANONYMOUS_ID = key("pulse.identity.max-customers-per-anonymous-id")
      .intType().defaultValue(3)
      .withDescription("Guardrail of identity stitching: an anonymous or device id that logs in as more customers than this"
          + " is taken for a shared device; from then on its activity stays anonymous (the decision is logged and"
          + " counted in identityLinksRefused).");

  ConfigOption<Duration> ANONYMOUS_RETENTION = key("pulse.identity.anonymous-retention")
      .durationType().defaultValue(Duration.ofDays(30))
      .withDescription("State of an anonymous visitor is dropped after this much event time without activity.");

  ConfigOption<String> PSEUDONYMISATION_SECRET = key("pulse.privacy.pseudonymisation-secret")
      .stringType().noDefaultValue()
      .withDescription("Secret key (at least 16 bytes) of the keyed hash that replaces emails and phone numbers as they are"
          + " read. Needed only where contact details arrive: without it the job runs (orders, clicks, service calls), and an"
          + " identity event with an email or phone is a dead letter (INVALID_CONTACT) saying so, kept without them. Give it"
          + " as PULSE_PRIVACY_PSEUDONYMISATION_SECRET from a Kubernetes Secret; it is never logged. Changing it changes every"
          + " pseudonym.");

  ConfigOption<String> DEFAULT_PHONE_REGION = key("pulse.privacy.default-phone-region")
      .stringType().noDefaultValue()
      .withDescription("ISO 3166-1 country (e.g. DE) of phone numbers written without a country code when the event names"
          + " no country. Unset: such numbers are dead letters (INVALID_CONTACT).");
}
