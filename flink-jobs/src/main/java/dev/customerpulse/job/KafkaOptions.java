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
          + " producer and admin client. Single keys can also be given as pulse.kafka.client.<kafka-key>.");

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
