package dev.customerpulse.job;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * Every Customer Pulse setting, with its default and meaning. Read in one place, {@link PulseSettings#from};
 * the README's configuration table is generated from this class ({@code pulse options}).
 * On the command line each key is also an environment variable: {@code pulse.redis.url} is
 * {@code PULSE_REDIS_URL}.
 */
public final class PulseOptions {
  private PulseOptions() {}

  /** Keys under this prefix are passed to every Kafka client unchanged (minus the prefix). */
  public static final String KAFKA_CLIENT_PREFIX = "pulse.kafka.client.";

  public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = key("pulse.kafka.bootstrap-servers")
      .stringType().noDefaultValue()
      .withDescription("Kafka bootstrap servers, host:port[,host:port...]. Required.");

  public static final ConfigOption<String> KAFKA_CLIENT_PROPERTIES_FILE = key("pulse.kafka.client-properties-file")
      .stringType().noDefaultValue()
      .withDescription("A Kafka client .properties file (security.protocol, sasl.*, ssl.*) applied to every consumer,"
          + " producer and admin client. Single keys can also be given as pulse.kafka.client.<kafka-key>.");

  public static final ConfigOption<String> KAFKA_GROUP_ID = key("pulse.kafka.group-id")
      .stringType().defaultValue("customer-pulse")
      .withDescription("Consumer group of the input sources; offsets are committed to it on every checkpoint.");

  public static final ConfigOption<StartingOffsets> KAFKA_STARTING_OFFSETS = key("pulse.kafka.starting-offsets")
      .enumType(StartingOffsets.class).defaultValue(StartingOffsets.COMMITTED)
      .withDescription("Where a job without a checkpoint starts reading: COMMITTED (the group's offsets, else the"
          + " earliest), EARLIEST or LATEST. A job restored from a checkpoint resumes from the checkpoint.");

  public static final ConfigOption<String> TOPIC_CLICKS = key("pulse.topics.clicks")
      .stringType().defaultValue("clicks").withDescription("Input topic of ClickEvent records.");

  public static final ConfigOption<String> TOPIC_ORDERS = key("pulse.topics.orders")
      .stringType().defaultValue("orders").withDescription("Input topic of OrderEvent records.");

  public static final ConfigOption<String> TOPIC_SERVICE_CALLS = key("pulse.topics.service-calls")
      .stringType().defaultValue("service-calls").withDescription("Input topic of ServiceCallEvent records.");

  public static final ConfigOption<String> TOPIC_SEGMENT_CHANGES = key("pulse.topics.segment-changes")
      .stringType().defaultValue("segment-changes").withDescription("Output topic of SegmentChange records (exactly once).");

  public static final ConfigOption<String> TOPIC_DEAD_LETTERS = key("pulse.topics.dead-letters")
      .stringType().defaultValue("dead-letters").withDescription("Output topic of DeadLetter records (exactly once).");

  public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = key("pulse.kafka.transactional-id-prefix")
      .stringType().defaultValue("customer-pulse")
      .withDescription("Prefix of the exactly-once sinks' transactional ids. Must be unique per job on the Kafka"
          + " cluster: two jobs sharing it fence each other.");

  public static final ConfigOption<Duration> TRANSACTION_TIMEOUT = key("pulse.kafka.transaction-timeout")
      .durationType().defaultValue(Duration.ofMinutes(10))
      .withDescription("Kafka transaction timeout of the exactly-once sinks. Must be below the broker's"
          + " transaction.max.timeout.ms (15 min by default) and above the longest checkpoint plus restart.");

  public static final ConfigOption<String> REGISTRY_URL = key("pulse.registry.url")
      .stringType().noDefaultValue()
      .withDescription("Base URL of the Confluent-compatible schema registry. Required.");

  public static final ConfigOption<String> REGISTRY_USERNAME = key("pulse.registry.username")
      .stringType().noDefaultValue().withDescription("Schema registry basic-auth user.");

  public static final ConfigOption<String> REGISTRY_PASSWORD = key("pulse.registry.password")
      .stringType().noDefaultValue().withDescription("Schema registry basic-auth password.");

  public static final ConfigOption<String> REGISTRY_TRUSTSTORE = key("pulse.registry.truststore")
      .stringType().noDefaultValue()
      .withDescription("Trust store (.jks or .p12) for a registry behind TLS with a private CA.");

  public static final ConfigOption<String> REGISTRY_TRUSTSTORE_PASSWORD = key("pulse.registry.truststore-password")
      .stringType().noDefaultValue().withDescription("Password of the registry trust store.");

  public static final ConfigOption<Boolean> REGISTRY_AUTO_REGISTER = key("pulse.registry.auto-register")
      .booleanType().defaultValue(true)
      .withDescription("Whether the job may register its output schemas. Off: they must be registered first"
          + " ('pulse schemas register').");

  public static final ConfigOption<String> REDIS_URL = key("pulse.redis.url")
      .stringType().noDefaultValue()
      .withDescription("Redis to serve profiles from: redis://[user:password@]host:port[/db], rediss:// for TLS. Required.");

  public static final ConfigOption<String> REDIS_KEY_PREFIX = key("pulse.redis.key-prefix")
      .stringType().defaultValue("cp").withDescription("First part of every Redis key (see the Redis key contract).");

  public static final ConfigOption<Integer> REDIS_BATCH_SIZE = key("pulse.redis.batch-size")
      .intType().defaultValue(2_000)
      .withDescription("Distinct customers buffered per Redis writer before a pipelined flush.");

  public static final ConfigOption<Duration> REDIS_LINGER = key("pulse.redis.linger")
      .durationType().defaultValue(Duration.ofMillis(100))
      .withDescription("Longest time a profile update waits before it is flushed to Redis. Longer coalesces more"
          + " updates of busy customers into one write; shorter is fresher.");

  public static final ConfigOption<Integer> REDIS_MAX_ATTEMPTS = key("pulse.redis.max-attempts")
      .intType().defaultValue(5)
      .withDescription("Tries of one Redis batch on connection errors before the task fails and restarts.");

  public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS = key("pulse.events.max-out-of-orderness")
      .durationType().defaultValue(Duration.ofSeconds(10))
      .withDescription("How far behind the newest event time an event may arrive and still be on time.");

  public static final ConfigOption<Duration> SOURCE_IDLENESS = key("pulse.events.source-idleness")
      .durationType().defaultValue(Duration.ofSeconds(30))
      .withDescription("A Kafka partition without events for this long stops holding back event time.");

  public static final ConfigOption<Duration> ANONYMOUS_RETENTION = key("pulse.identity.anonymous-retention")
      .durationType().defaultValue(Duration.ofDays(30))
      .withDescription("State of an anonymous visitor is dropped after this much event time without activity.");

  public static final ConfigOption<Long> TIER_HIGH_SPEND = key("pulse.tiers.high-spend-minor")
      .longType().defaultValue(50_000L)
      .withDescription("Net spend (minor units) from which a customer is in tier 'high'.");

  public static final ConfigOption<Long> TIER_VIP_SPEND = key("pulse.tiers.vip-spend-minor")
      .longType().defaultValue(200_000L)
      .withDescription("Net spend (minor units) from which a customer is in tier 'vip'.");

  /** All options of this class, in declaration order. */
  public static List<ConfigOption<?>> all() {
    List<ConfigOption<?>> options = new ArrayList<>();
    for (Field field : PulseOptions.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
        try {
          options.add((ConfigOption<?>) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return options;
  }

  /** The environment variable that sets an option on the command line. */
  public static String environmentVariable(ConfigOption<?> option) {
    return option.key().toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
