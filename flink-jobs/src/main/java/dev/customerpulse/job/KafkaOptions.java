package dev.customerpulse.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;

/** Kafka: where it is, how the job reads its inputs and writes exactly once. A section of {@link PulseOptions}. */
public interface KafkaOptions {
  /** Keys under this prefix are passed to every Kafka client unchanged (minus the prefix). */
  String KAFKA_CLIENT_PREFIX = "pulse.kafka.client.";

  ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = key("pulse.kafka.bootstrap-servers")
      .stringType().noDefaultValue()
      .withDescription("Kafka bootstrap servers, host:port[,host:port...]. Required.");

  ConfigOption<String> KAFKA_CLIENT_PROPERTIES_FILE = key("pulse.kafka.client-properties-file")
      .stringType().noDefaultValue()
      .withDescription("A Kafka client .properties file (security.protocol, sasl.*, ssl.*) applied to every consumer,"
          + " producer and admin client. The pulse.kafka.security-protocol, sasl-* and truststore* settings override it;"
          + " single keys given as pulse.kafka.client.<kafka-key> override both.");

  ConfigOption<String> KAFKA_SECURITY_PROTOCOL = key("pulse.kafka.security-protocol")
      .stringType().noDefaultValue()
      .withDescription("How every Kafka client connects: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (Kafka's"
          + " security.protocol). Unset: Kafka's default, PLAINTEXT, unless the client properties say otherwise.");

  ConfigOption<String> KAFKA_SASL_MECHANISM = key("pulse.kafka.sasl-mechanism")
      .stringType().defaultValue("SCRAM-SHA-512")
      .withDescription("SASL mechanism with pulse.kafka.sasl-username: SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN. Other"
          + " mechanisms (OAUTHBEARER, GSSAPI) go in the client properties file.");

  ConfigOption<String> KAFKA_SASL_USERNAME = key("pulse.kafka.sasl-username")
      .stringType().noDefaultValue()
      .withDescription("SASL user of every Kafka client; with pulse.kafka.sasl-password it makes the sasl.jaas.config.");

  ConfigOption<String> KAFKA_SASL_PASSWORD = key("pulse.kafka.sasl-password")
      .stringType().noDefaultValue()
      .withDescription("SASL password of pulse.kafka.sasl-username. Give it as PULSE_KAFKA_SASL_PASSWORD (e.g. from a"
          + " Kubernetes Secret).");

  ConfigOption<String> KAFKA_TRUSTSTORE = key("pulse.kafka.truststore")
      .stringType().noDefaultValue()
      .withDescription("Trust store (.p12 or .jks) for brokers whose certificates a private CA signed (Kafka's"
          + " ssl.truststore.location); unset, the JDK's certificate authorities apply.");

  ConfigOption<String> KAFKA_TRUSTSTORE_PASSWORD = key("pulse.kafka.truststore-password")
      .stringType().noDefaultValue().withDescription("Password of the Kafka trust store.");

  ConfigOption<String> KAFKA_GROUP_ID = key("pulse.kafka.group-id")
      .stringType().defaultValue("customer-pulse")
      .withDescription("Consumer group of the input sources; offsets are committed to it on every checkpoint.");

  ConfigOption<StartingOffsets> KAFKA_STARTING_OFFSETS = key("pulse.kafka.starting-offsets")
      .enumType(StartingOffsets.class).defaultValue(StartingOffsets.COMMITTED)
      .withDescription("Where a job without a checkpoint starts reading: COMMITTED (the group's offsets, else the"
          + " earliest), EARLIEST or LATEST. A job restored from a checkpoint resumes from the checkpoint.");

  ConfigOption<String> TRANSACTIONAL_ID_PREFIX = key("pulse.kafka.transactional-id-prefix")
      .stringType().defaultValue("customer-pulse")
      .withDescription("Prefix of the exactly-once sinks' transactional ids. Must be unique per job on the Kafka"
          + " cluster: two jobs sharing it fence each other.");

  ConfigOption<Duration> TRANSACTION_TIMEOUT = key("pulse.kafka.transaction-timeout")
      .durationType().defaultValue(Duration.ofMinutes(10))
      .withDescription("Kafka transaction timeout of the exactly-once sinks. Must be below the broker's"
          + " transaction.max.timeout.ms (15 min by default) and above the longest checkpoint plus restart.");
}
