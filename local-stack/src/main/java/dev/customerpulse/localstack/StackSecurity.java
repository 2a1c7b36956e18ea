package dev.customerpulse.localstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a secured local stack's clients need: the certificates and two users. The admin is a super user
 * on Kafka, may use every Redis key and command, and may call the registry: it creates topics, users
 * and ACLs. The job user may do only what {@link KafkaBroker#allowJob}, {@link RedisServer#allowUser}
 * and the registry grant it. Passwords are random per stack.
 */
public record StackSecurity(StackCertificates certificates, String adminUser, String adminPassword, String jobUser,
    String jobPassword) {

  /** The SASL mechanism of the secured Kafka listener. */
  public static final String KAFKA_SASL_MECHANISM = "SCRAM-SHA-512";

  /** New random passwords and certificates made in {@code dir}. */
  public static StackSecurity generate(Path dir) {
    return new StackSecurity(StackCertificates.generate(dir), "admin", StackCertificates.randomPassword(), "pulse",
        StackCertificates.randomPassword());
  }

  /** Kafka client properties (SASL_SSL with SCRAM, trusting the stack's authority) for this user. */
  public Map<String, String> kafkaClientProperties(String user, String password) {
    return Map.of(
        "security.protocol", "SASL_SSL",
        "sasl.mechanism", KAFKA_SASL_MECHANISM,
        "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + user + "\" password=\"" + password + "\";",
        "ssl.truststore.location", certificates.trustStore().toString(),
        "ssl.truststore.type", "PKCS12",
        "ssl.truststore.password", certificates.trustStorePassword());
  }

  @Override
  public String toString() {
    // Never print the passwords.
    return "StackSecurity[admin=" + adminUser + ", job=" + jobUser + ", trustStore=" + certificates.trustStore() + "]";
  }
}
