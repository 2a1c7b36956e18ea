package dev.customerpulse.it;

import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import dev.customerpulse.connectors.redis.RedisSettings;
import dev.customerpulse.connectors.registry.ConfluentSchemaCoderProvider;
import dev.customerpulse.connectors.registry.RegistrySettings;
import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.job.TopicDeadlines;
import dev.customerpulse.job.Topics;
import dev.customerpulse.localstack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.formats.avro.RegistryAvroSerializationSchema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import redis.clients.jedis.UnifiedJedis;

/**
 * One test's slice of the shared real stack: its own topics, consumer group, transactional ids
 * and Redis key prefix, so tests never see each other's data. On a secured stack the test works as
 * its admin and the job as the job user ({@link SecuredSlice}).
 */
final class PulseTestStack implements AutoCloseable {
  final LocalStack stack;
  final String id = UUID.randomUUID().toString().substring(0, 8);
  final Topics topics = new Topics("clicks-" + id, "orders-" + id, "service-calls-" + id, "identities-" + id,
      "segment-changes-" + id, "churn-alerts-" + id, "date-triggers-" + id, "dead-letters-" + id, "late-events-" + id, "customer-profiles-" + id, "customer-handoffs-" + id,
      "segment-rules-" + id, "segment-rule-status-" + id, "clv-quantiles-" + id, "privacy-requests-" + id,
      "privacy-receipts-" + id);
  /** The pseudonymisation secret of test jobs; tests compute expected pseudonyms with it. */
  static final String PSEUDONYMISATION_SECRET = "customer-pulse-test-secret";
  final String redisPrefix = "it" + id;
  /** The job's Redis ACL user on a secured stack. */
  final String redisUser = "job-" + id;
  final RegistrySettings registry;
  final Path checkpoints;
  private final KafkaProducer<byte[], byte[]> producer;
  private final UnifiedJedis redis;

  PulseTestStack() throws Exception {
    this(LocalStack.shared());
  }

  PulseTestStack(LocalStack stack) throws Exception {
    this.stack = stack;
    stack.createTopics(topics.withPartitions(2), TopicDeadlines.DEFAULTS.topicConfigs(topics));
    registry = stack.security().map(s -> SecuredSlice.adminRegistry(stack.registryUrl(), s))
        .orElse(RegistrySettings.of(stack.registryUrl()));
    stack.security().ifPresent(s -> SecuredSlice.grantJob(stack, topics, "it-" + id, redisUser, redisPrefix));
    checkpoints = Files.createTempDirectory("pulse-it-checkpoints-");
    Properties props = new Properties();
    stack.security().ifPresent(s -> props.putAll(SecuredSlice.adminKafka(s)));
    props.put("bootstrap.servers", stack.kafkaBootstrapServers());
    props.put("key.serializer", ByteArraySerializer.class.getName());
    props.put("value.serializer", ByteArraySerializer.class.getName());
    props.put("linger.ms", "5");
    producer = new KafkaProducer<>(props);
    redis = stack.security().map(s -> SecuredSlice.adminRedis(stack.redisUrl(), s))
        .orElse(RedisSettings.parse(stack.redisUrl())).connect();
  }

  /** Job configuration pointing at this slice; checkpoints every 500 ms so outputs commit quickly. */
  Configuration jobConfiguration() {
    Configuration conf = new Configuration();
    conf.set(PulseOptions.KAFKA_BOOTSTRAP_SERVERS, stack.kafkaBootstrapServers());
    conf.set(PulseOptions.REGISTRY_URL, stack.registryUrl());
    conf.set(PulseOptions.REDIS_URL, stack.redisUrl());
    conf.set(PulseOptions.REDIS_KEY_PREFIX, redisPrefix);
    conf.set(PulseOptions.KAFKA_GROUP_ID, "it-" + id);
    conf.set(PulseOptions.TRANSACTIONAL_ID_PREFIX, "it-" + id);
    conf.set(PulseOptions.TOPIC_CLICKS, topics.clicks());
    conf.set(PulseOptions.TOPIC_ORDERS, topics.orders());
    conf.set(PulseOptions.TOPIC_SERVICE_CALLS, topics.serviceCalls());
    conf.set(PulseOptions.TOPIC_IDENTITIES, topics.identities());
    conf.set(PulseOptions.TOPIC_HANDOFFS, topics.customerHandoffs());
    conf.set(PulseOptions.TOPIC_SEGMENT_RULES, topics.segmentRules());
    conf.set(PulseOptions.TOPIC_SEGMENT_RULE_STATUS, topics.segmentRuleStatus());
    conf.set(PulseOptions.TOPIC_CLV_QUANTILES, topics.clvQuantiles());
    conf.set(PulseOptions.TOPIC_PRIVACY_REQUESTS, topics.privacyRequests());
    conf.set(PulseOptions.TOPIC_PRIVACY_RECEIPTS, topics.privacyReceipts());
    conf.set(PulseOptions.PSEUDONYMISATION_SECRET, PSEUDONYMISATION_SECRET);
    conf.set(PulseOptions.TOPIC_SEGMENT_CHANGES, topics.segmentChanges());
    conf.set(PulseOptions.TOPIC_CHURN_ALERTS, topics.churnAlerts());
    conf.set(PulseOptions.TOPIC_DATE_TRIGGERS, topics.dateTriggers());
    conf.set(PulseOptions.TOPIC_DEAD_LETTERS, topics.deadLetters());
    conf.set(PulseOptions.TOPIC_LATE_EVENTS, topics.lateEvents());
    conf.set(PulseOptions.TOPIC_CUSTOMER_PROFILES, topics.customerProfiles());
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
    conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, Duration.ofMillis(100));
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
    conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
    // Tests write event times as small epoch offsets (1970), which the default validation refuses.
    conf.set(PulseOptions.VALIDATION_EARLIEST, "1970-01-01T00:00:00Z");
    stack.security().ifPresent(s -> SecuredSlice.jobSettings(conf, s, redisUser));
    return conf;
  }

  /**
   * Stops a job as for an upgrade: a final savepoint, outputs committed, pending timers kept in the
   * savepoint. (Draining would end event time and fire every timer: right for retiring a job only.)
   */
  String stopWithSavepoint(org.apache.flink.core.execution.JobClient job) throws Exception {
    String savepoint = job.stopWithSavepoint(false, checkpoints.resolve("savepoints").toUri().toString(),
        org.apache.flink.core.execution.SavepointFormatType.CANONICAL).get(60, java.util.concurrent.TimeUnit.SECONDS);
    job.getJobExecutionResult().get(60, java.util.concurrent.TimeUnit.SECONDS);
    return savepoint;
  }

  <T extends SpecificRecord> void send(String topic, String key, T record) {
    sendRaw(topic, key, serialize(topic, record));
  }

  private <T extends SpecificRecord> byte[] serialize(String topic, T record) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) record.getClass();
    return RegistryAvroSerializationSchema.forSpecific(type, ConfluentSchemaCoderProvider.forWritingTo(registry, topic))
        .serialize(record);
  }

  /** One serializer for many records of a type (the per-record {@link #send} looks its schema up each time). */
  <T extends SpecificRecord> java.util.function.Function<T, byte[]> serializer(String topic, Class<T> type) {
    RegistryAvroSerializationSchema<T> schema =
        RegistryAvroSerializationSchema.forSpecific(type, ConfluentSchemaCoderProvider.forWritingTo(registry, topic));
    return schema::serialize;
  }

  /** Sends raw bytes to a partition chosen by key, without waiting; {@link #flush()} waits for all of them. */
  void sendRawAsync(String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
  }

  /** Sends many records, partitioned by key, without waiting for each; {@link #flush()} waits for all of them. */
  <T extends SpecificRecord> void sendAsync(String topic, String key, T record) {
    producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), serialize(topic, record)));
  }

  void flush() {
    producer.flush();
  }

  void sendRaw(String topic, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, 0, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Everything a read_committed consumer sees in a topic, decoded, ordered by partition then offset. */
  <T extends SpecificRecord> List<ConsumerRecord<byte[], T>> readCommitted(String topic, Class<T> type) throws Exception {
    ConfluentAvroDecoder<T> decoder = new ConfluentAvroDecoder<>(type, registry);
    List<ConsumerRecord<byte[], T>> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : readRaw(topic, "read_committed")) {
      out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.timestamp(), r.timestampType(),
          r.serializedKeySize(), r.serializedValueSize(), r.key(), decoder.decode(r.value()), r.headers(), r.leaderEpoch()));
    }
    return out;
  }

  List<ConsumerRecord<byte[], byte[]>> readRaw(String topic, String isolation) {
    Properties props = new Properties();
    stack.security().ifPresent(s -> props.putAll(SecuredSlice.adminKafka(s)));
    props.put("bootstrap.servers", stack.kafkaBootstrapServers());
    props.put("key.deserializer", ByteArrayDeserializer.class.getName());
    props.put("value.deserializer", ByteArrayDeserializer.class.getName());
    props.put("isolation.level", isolation);
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      for (TopicPartition partition : partitions) {
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long deadline = System.currentTimeMillis() + 10_000;
        while (consumer.position(partition) < end.get(partition) && System.currentTimeMillis() < deadline) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            out.add(r);
          }
        }
      }
    }
    return out;
  }

  /** Waits (up to a minute) until the customer's profile hash in Redis has version {@code version}. */
  void awaitVersion(String customer, String version) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!version.equals(redis.hget(key("profile:{" + customer + "}"), "v"))) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(customer + " never reached version " + version + " in Redis");
      }
      Thread.sleep(50);
    }
  }

  UnifiedJedis redis() {
    return redis;
  }

  String key(String suffix) {
    return redisPrefix + ":" + suffix;
  }

  @Override
  public void close() {
    producer.close();
    redis.close();
  }
}
