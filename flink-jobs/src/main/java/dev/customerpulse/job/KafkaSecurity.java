package dev.customerpulse.job;

import static dev.customerpulse.job.PulseOptions.KAFKA_SASL_MECHANISM;
import static dev.customerpulse.job.PulseOptions.KAFKA_SASL_PASSWORD;
import static dev.customerpulse.job.PulseOptions.KAFKA_SASL_USERNAME;
import static dev.customerpulse.job.PulseOptions.KAFKA_SECURITY_PROTOCOL;
import static dev.customerpulse.job.PulseOptions.KAFKA_TRUSTSTORE;
import static dev.customerpulse.job.PulseOptions.KAFKA_TRUSTSTORE_PASSWORD;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.Configuration;

/**
 * The Kafka client properties of the typed security settings (pulse.kafka.security-protocol, sasl-*,
 * truststore*), so that the common case, SASL with a user and password over TLS with a private CA,
 * needs no properties file and its password can come from a Secret as one variable.
 */
final class KafkaSecurity {
  private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  private static final Map<String, String> LOGIN_MODULES = Map.of(
      "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule",
      "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
      "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");

  private KafkaSecurity() {}

  /** Kafka client properties from the typed settings; empty when none is set. */
  static Map<String, String> clientProperties(Configuration conf) {
    Map<String, String> props = new LinkedHashMap<>();
    String protocol = conf.get(KAFKA_SECURITY_PROTOCOL);
    if (protocol != null && !protocol.isBlank()) {
      String normal = protocol.trim().toUpperCase(Locale.ROOT);
      if (!PROTOCOLS.contains(normal)) {
        throw new ConfigException(KAFKA_SECURITY_PROTOCOL.key() + ": '" + protocol.trim() + "' is not one of "
            + "PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
      }
      props.put("security.protocol", normal);
    }
    String user = conf.get(KAFKA_SASL_USERNAME);
    String password = conf.get(KAFKA_SASL_PASSWORD);
    if (user != null && !user.isBlank()) {
      if (password == null) {
        throw new ConfigException(KAFKA_SASL_USERNAME.key() + " is set but " + KAFKA_SASL_PASSWORD.key()
            + " is not (give it as " + PulseOptions.environmentVariable(KAFKA_SASL_PASSWORD) + ")");
      }
      String mechanism = conf.get(KAFKA_SASL_MECHANISM).trim().toUpperCase(Locale.ROOT);
      String module = LOGIN_MODULES.get(mechanism);
      if (module == null) {
        throw new ConfigException(KAFKA_SASL_MECHANISM.key() + ": '" + mechanism + "' needs its own sasl.jaas.config;"
            + " with a user and password use SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN");
      }
      props.put("sasl.mechanism", mechanism);
      props.put("sasl.jaas.config", module + " required username=\"" + jaasQuoted(user.trim()) + "\" password=\""
          + jaasQuoted(password) + "\";");
    } else if (password != null) {
      throw new ConfigException(KAFKA_SASL_PASSWORD.key() + " is set but " + KAFKA_SASL_USERNAME.key() + " is not");
    }
    String trustStore = conf.get(KAFKA_TRUSTSTORE);
    if (trustStore != null && !trustStore.isBlank()) {
      props.put("ssl.truststore.location", trustStore.trim());
      props.put("ssl.truststore.type", trustStore.trim().endsWith(".jks") ? "JKS" : "PKCS12");
      String storePassword = conf.get(KAFKA_TRUSTSTORE_PASSWORD);
      if (storePassword != null) {
        props.put("ssl.truststore.password", storePassword);
      }
    }
    return props;
  }

  /** A value inside double quotes of a JAAS configuration: backslash and quote escaped. */
  private static String jaasQuoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
