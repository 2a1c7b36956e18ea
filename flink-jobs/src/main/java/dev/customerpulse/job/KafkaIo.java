package dev.customerpulse.job;

import dev.customerpulse.avro.ChurnAlert;
import dev.customerpulse.avro.DateTrigger;
import dev.customerpulse.connectors.redis.RedisStreamSink;
import dev.customerpulse.profile.ChurnAlertStreamMapper;
import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.IdentityEvent;
import dev.customerpulse.avro.PrivacyReceipt;
import dev.customerpulse.avro.PrivacyRequest;
import dev.customerpulse.ingest.PrivacyRequestDeadLetters;
import dev.customerpulse.ingest.PrivacyRequestMapper;
import dev.customerpulse.identity.HandoffRecords;
import dev.customerpulse.rules.RuleCommand;
import dev.customerpulse.rules.RuleRecords;
import dev.customerpulse.segments.ClvQuantileRecords;
import dev.customerpulse.ingest.IdentityDeadLetters;
import dev.customerpulse.ingest.IdentityMapper;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.ServiceCallEvent;
import dev.customerpulse.connectors.kafka.AvroRecordSerializer;
import dev.customerpulse.connectors.kafka.ConfluentAvroDecoder;
import dev.customerpulse.connectors.registry.ConfluentSchemaCoderProvider;
import org.apache.flink.formats.avro.SchemaCoder;
import dev.customerpulse.connectors.kafka.DeadLetterSerializer;
import dev.customerpulse.connectors.redis.RedisProfileSink;
import dev.customerpulse.ingest.DeadLetterLimits;
import dev.customerpulse.ingest.EventMapper;
import dev.customerpulse.ingest.EventValidator;
import dev.customerpulse.ingest.IngestRecord;
import dev.customerpulse.ingest.InputDeserializer;
import dev.customerpulse.profile.CustomerProfileSerializer;
import dev.customerpulse.profile.ProfileRedisMapper;
import dev.customerpulse.profile.RedisRefill;
import dev.customerpulse.scoring.ProfileScorer;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Builds the job's real sources and sinks (Kafka in, Redis and Kafka out) from its settings. */
public final class KafkaIo {
  private final PulseSettings settings;

  public KafkaIo(PulseSettings settings) {
    this.settings = settings;
  }

  /**
   * @param bounded read only what the topics hold when the job starts, then finish (benchmarks and tests)
   */
  public CustomerPulseJob.Sources sources(boolean bounded) {
    Topics topics = settings.topics();
    Inputs inputs = inputs(ConfluentSchemaCoderProvider.forReading(settings.registry()));
    return new CustomerPulseJob.Sources(
        source(topics.clicks(), inputs.clicks(), bounded),
        source(topics.orders(), inputs.orders(), bounded),
        source(topics.serviceCalls(), inputs.serviceCalls(), bounded),
        source(topics.identities(), inputs.identities(), bounded),
        source(topics.customerHandoffs(), new HandoffRecords.Deserializer(), bounded),
        rulesSource(topics.segmentRules(), bounded),
        fromBeginning(topics.clvQuantiles(), new ClvQuantileRecords.Deserializer(settings.registry()), bounded),
        source(topics.privacyRequests(), inputs.privacyRequests(), bounded));
  }

  /** How each input topic's records become events or dead letters inside its source. */
  public record Inputs(InputDeserializer<ClickEvent> clicks, InputDeserializer<OrderEvent> orders,
      InputDeserializer<ServiceCallEvent> serviceCalls, InputDeserializer<IdentityEvent> identities,
      InputDeserializer<PrivacyRequest> privacyRequests) {}

  /**
   * The inputs' deserializers, their writer schemas found through {@code schemas}: the registry's in
   * {@link #sources}, a fixed set in tests that run the pipeline on in-memory records.
   */
  public Inputs inputs(SchemaCoder.SchemaCoderProvider schemas) {
    EventValidator validator = new EventValidator(settings.limits());
    DeadLetterLimits limits = settings.logic().deadLetters().limits();
    IdentityMapper identities = new IdentityMapper(settings.privacy());
    return new Inputs(
        new InputDeserializer<>("clicks", new ConfluentAvroDecoder<>(ClickEvent.class, schemas), validator::click,
            EventMapper::fromClick, null, limits),
        new InputDeserializer<>("orders", new ConfluentAvroDecoder<>(OrderEvent.class, schemas), validator::order,
            EventMapper::fromOrder, null, limits),
        new InputDeserializer<>("service-calls", new ConfluentAvroDecoder<>(ServiceCallEvent.class, schemas),
            validator::serviceCall, EventMapper::fromServiceCall, null, limits),
        new InputDeserializer<>("identities", new ConfluentAvroDecoder<>(IdentityEvent.class, schemas), validator::identity,
            identities, new IdentityDeadLetters(identities, settings.registry(), settings.topics().identities()), limits),
        new InputDeserializer<>("privacy-requests", new ConfluentAvroDecoder<>(PrivacyRequest.class, schemas),
            validator::privacyRequest, new PrivacyRequestMapper(identities),
            new PrivacyRequestDeadLetters(identities, settings.registry(), settings.topics().privacyRequests()), limits));
  }

  /** The refill of Redis from state (pulse.redis.refill-check-interval), or null when the check is off. */
  public RedisRefill redisRefill() {
    return settings.redisRefillCheckInterval().isZero() ? null
        : new RedisRefill(settings.redis(), settings.redisKeys(), settings.redisRefillCheckInterval());
  }

  public CustomerPulseJob.Sinks sinks() {
    Topics topics = settings.topics();
    ProfileScorer scorer = settings.logic().profile().scorer();
    return new CustomerPulseJob.Sinks(
        new RedisProfileSink<>(settings.redis(), settings.redisKeys(), settings.redisSink(), new ProfileRedisMapper(scorer),
            new RedisFailedWriteLetters(settings.kafka(), settings.registry(), topics.deadLetters())),
        exactlyOnce(new CustomerProfileSerializer(topics.customerProfiles(), settings.registry(), scorer), "customer-profiles"),
        exactlyOnce(new AvroRecordSerializer<>(SegmentChange.class, topics.segmentChanges(), settings.registry(),
            SegmentChange::getCustomerId), "segment-changes"),
        exactlyOnce(new AvroRecordSerializer<>(ChurnAlert.class, topics.churnAlerts(), settings.registry(),
            ChurnAlert::getCustomerId), "churn-alerts"),
        new RedisStreamSink<>(settings.redis(), settings.redisKeys().churnAlerts(), settings.redisKeys().churnAlertIds(),
            settings.alertStreamMaxLength(), java.time.Duration.ofDays(30), settings.redisSink().outageTolerance(),
            new ChurnAlertStreamMapper()),
        exactlyOnce(new AvroRecordSerializer<>(DateTrigger.class, topics.dateTriggers(), settings.registry(),
            DateTrigger::getCustomerId), "date-triggers"),
        exactlyOnce(new DeadLetterSerializer(topics.deadLetters(), settings.registry()), "dead-letters"),
        exactlyOnce(new DeadLetterSerializer(topics.lateEvents(), settings.registry()), "late-events"),
        exactlyOnce(new HandoffRecords.Serializer(topics.customerHandoffs()), "customer-handoffs"),
        exactlyOnce(new AvroRecordSerializer<>(dev.customerpulse.avro.SegmentRuleStatus.class, topics.segmentRuleStatus(),
            settings.registry(), dev.customerpulse.avro.SegmentRuleStatus::getName), "segment-rule-status"),
        exactlyOnce(new ClvQuantileRecords.Serializer(topics.clvQuantiles(), settings.registry()), "clv-quantiles"),
        exactlyOnce(new AvroRecordSerializer<>(PrivacyReceipt.class, topics.privacyReceipts(), settings.registry(),
            PrivacyReceipt::getRequestId), "privacy-receipts"));
  }

  /**
   * The rules topic is read from its beginning on a fresh start, whatever pulse.kafka.starting-offsets
   * says for the inputs: a job without the rules published before it would serve wrong segments.
   */
  private KafkaSource<RuleCommand> rulesSource(String topic, boolean bounded) {
    return fromBeginning(topic, new RuleRecords(settings.registry()), bounded);
  }

  /** A control topic, read from its beginning on a fresh start (see {@link #rulesSource}). */
  private <T> KafkaSource<T> fromBeginning(String topic, KafkaRecordDeserializationSchema<T> deserializer, boolean bounded) {
    return source(topic, deserializer, OffsetsInitializer.earliest(), bounded);
  }

  private <T> KafkaSource<T> source(String topic, KafkaRecordDeserializationSchema<T> deserializer, boolean bounded) {
    return source(topic, deserializer, startingOffsets(), bounded);
  }

  private <T> KafkaSource<T> source(String topic, KafkaRecordDeserializationSchema<T> deserializer, OffsetsInitializer starting,
      boolean bounded) {
    var builder = KafkaSource.<T>builder()
        .setProperties(settings.kafka().clientProperties(Map.of()))
        .setBootstrapServers(settings.kafka().bootstrapServers())
        .setTopics(topic)
        .setGroupId(settings.groupId())
        .setClientIdPrefix(settings.groupId() + "-" + topic)
        .setStartingOffsets(starting)
        .setDeserializer(deserializer)
        // Producers may write transactionally; never read what they abort.
        .setProperty("isolation.level", "read_committed");
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }

  // The connector's API still takes Kafka's deprecated OffsetResetStrategy.
  @SuppressWarnings("deprecation")
  private OffsetsInitializer startingOffsets() {
    return switch (settings.startingOffsets()) {
      case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
      case EARLIEST -> OffsetsInitializer.earliest();
      case LATEST -> OffsetsInitializer.latest();
    };
  }

  private <T> KafkaSink<T> exactlyOnce(KafkaRecordSerializationSchema<T> serializer, String name) {
    Properties producer = settings.kafka().clientProperties(Map.of(
        "transaction.timeout.ms", Long.toString(settings.transactionTimeout().toMillis()),
        "linger.ms", "20",
        "batch.size", "262144"));
    return KafkaSink.<T>builder()
        .setBootstrapServers(settings.kafka().bootstrapServers())
        .setKafkaProducerConfig(producer)
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(settings.transactionalIdPrefix() + "-" + name)
        .build();
  }
}
