package dev.customerpulse.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.customerpulse.avro.ChurnAlert;
import dev.customerpulse.avro.PrivacyReceipt;
import dev.customerpulse.profile.AlertStreamEntry;
import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.ClickType;
import dev.customerpulse.avro.DateTrigger;
import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.IdentityEvent;
import dev.customerpulse.avro.IdentityEventType;
import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderStatus;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.SegmentRuleStatus;
import dev.customerpulse.avro.ServiceCallEvent;
import dev.customerpulse.avro.ServiceChannel;
import dev.customerpulse.identity.HandoffRecords;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.InputDeserializer;
import dev.customerpulse.job.InMemoryIo.CollectingSink;
import dev.customerpulse.job.InMemoryIo.TopicSink;
import dev.customerpulse.job.InMemoryIo.TopicSource;
import dev.customerpulse.engine.ProfileSegments;
import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.rules.RuleRecords;
import dev.customerpulse.segments.ClvCuts;
import dev.customerpulse.segments.ClvQuantileRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's real pipeline ({@link CustomerPulseJob#build}, as {@code main} wires it: every operator,
 * uid and side output) on a local MiniCluster with parallelism 2, RocksDB and checkpoints, but with
 * in-memory topics instead of Kafka, collecting sinks instead of Redis and the output topics, and a
 * fixed set of writer schemas instead of the registry. The input records go through the job's own
 * decoding, validation and mapping (the {@link InputDeserializer}s of {@link KafkaIo#inputs}, as the
 * Kafka sources run them), and the customer-handoffs loop is closed in memory: the handoff sink writes
 * through the job's own handoff serializer into an in-memory topic that the handoff source reads
 * back, visible from the next checkpoint.
 *
 * <p>Not covered here: the Kafka and Redis connectors themselves, the registry client, exactly-once
 * across a failure and restores (the ITs: {@code CustomerPulseJobIT}, {@code IdentityIT},
 * {@code RestartEquivalenceIT}).
 */
class PipelineTopologyTest {
  /** Event times: seconds apart, on 2 March 2026. */
  private static final long T = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Map<Integer, org.apache.avro.Schema> SCHEMAS = Map.of(1, ClickEvent.getClassSchema(),
      2, OrderEvent.getClassSchema(), 3, ServiceCallEvent.getClassSchema(), 4, IdentityEvent.getClassSchema());

  /** What a profile update would write to Redis (and the customer-profiles snapshot to Kafka), in short. */
  record Profile(String customer, long version, boolean deleted, long orders, long spendMinor, long pageViews, long cartAdds,
      long serviceCalls, String segments) {
    static Profile of(ProfileUpdate update) {
      var p = update.profile;
      return new Profile(update.customerId, p.version, update.deleted, p.orders, p.spendMinor, p.pageViews, p.cartAdds,
          p.serviceCalls, String.join(",", ProfileSegments.all(p)));
    }
  }

  /** A handoff that went round the loop: its kind, the key it is for, where it came from. */
  record Handoff(String kind, String to, String other, int hops) {
    static Handoff of(CustomerEvent event) {
      return new Handoff(event.kind.name(), event.customerKey, event.otherKey, event.hops);
    }
  }

  @TempDir
  Path checkpoints;

  private final String run = "topology-" + UUID.randomUUID() + "-";

  private String name(String what) {
    return run + what;
  }

  @AfterEach
  void forget() {
    InMemoryIo.drop(run);
  }

  private Configuration configuration() {
    Configuration conf = new Configuration();
    // Settings the job refuses to start without; nothing connects to these.
    conf.set(PulseOptions.KAFKA_BOOTSTRAP_SERVERS, "unused.invalid:9092");
    conf.set(PulseOptions.REGISTRY_URL, "http://unused.invalid:8081");
    conf.set(PulseOptions.REDIS_URL, "redis://unused.invalid:6379");
    conf.set(PulseOptions.PSEUDONYMISATION_SECRET, "topology-test-secret-0123456789");
    for (var topic : List.of(PulseOptions.TOPIC_CLICKS, PulseOptions.TOPIC_ORDERS, PulseOptions.TOPIC_SERVICE_CALLS,
        PulseOptions.TOPIC_IDENTITIES, PulseOptions.TOPIC_HANDOFFS, PulseOptions.TOPIC_SEGMENT_RULES,
        PulseOptions.TOPIC_CLV_QUANTILES, PulseOptions.TOPIC_PRIVACY_REQUESTS)) {
      conf.set(topic, name(topic.defaultValue()));
    }
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(100));
    conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, Duration.ofMillis(50));
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.resolve("checkpoints").toUri().toString());
    conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
    return conf;
  }

  /** The job's inputs with the deserializers of its Kafka sources ({@link KafkaIo#inputs}), knowing the schemas above. */
  private CustomerPulseJob.Sources sources(PulseSettings settings) {
    Topics topics = settings.topics();
    KafkaIo.Inputs inputs = new KafkaIo(settings).inputs(new FixedSchemas(SCHEMAS));
    return new CustomerPulseJob.Sources(
        new TopicSource<>(topics.clicks(), inputs.clicks()),
        new TopicSource<>(topics.orders(), inputs.orders()),
        new TopicSource<>(topics.serviceCalls(), inputs.serviceCalls()),
        new TopicSource<>(topics.identities(), inputs.identities()),
        new TopicSource<>(topics.customerHandoffs(), new HandoffRecords.Deserializer()),
        // Empty here: their deserializers would ask the registry only for a record.
        new TopicSource<>(topics.segmentRules(), new RuleRecords(settings.registry())),
        new TopicSource<>(topics.clvQuantiles(), new ClvQuantileRecords.Deserializer(settings.registry())),
        new TopicSource<>(topics.privacyRequests(), inputs.privacyRequests()));
  }

  private CustomerPulseJob.Sinks sinks(PulseSettings settings) {
    return new CustomerPulseJob.Sinks(
        new CollectingSink<ProfileUpdate, Profile>(name("redis-profiles"), Profile::of),
        new CollectingSink<ProfileUpdate, Profile>(name("customer-profiles"), Profile::of),
        new CollectingSink<SegmentChange, SegmentChange>(name("segment-changes"), c -> c),
        new CollectingSink<ChurnAlert, ChurnAlert>(name("churn-alerts"), a -> a),
        new CollectingSink<AlertStreamEntry, ChurnAlert>(name("redis-churn-alerts"), e -> e.alert),
        new CollectingSink<DateTrigger, DateTrigger>(name("date-triggers"), t -> t),
        new CollectingSink<DeadLetter, DeadLetter>(name("dead-letters"), d -> d),
        new CollectingSink<DeadLetter, DeadLetter>(name("late-events"), d -> d),
        // The loop: through the job's own handoff serializer into the topic the handoff source reads.
        new TopicSink<>(new HandoffRecords.Serializer(settings.topics().customerHandoffs())),
        new CollectingSink<SegmentRuleStatus, SegmentRuleStatus>(name("segment-rule-status"), s -> s),
        new CollectingSink<ClvCuts, ClvCuts>(name("clv-quantiles"), c -> c),
        new CollectingSink<PrivacyReceipt, PrivacyReceipt>(name("privacy-receipts"), r -> r));
  }

  /** Sends a record as its producer would: Confluent-framed, with the id of its schema. */
  private static <T extends SpecificRecord> long send(String topic, String key, T record) {
    int schemaId = SCHEMAS.entrySet().stream().filter(e -> e.getValue().equals(record.getSchema())).findFirst().orElseThrow()
        .getKey();
    return sendRaw(topic, key, FixedSchemas.framed(schemaId, record));
  }

  private static long sendRaw(String topic, String key, byte[] value) {
    return InMemoryIo.append(topic, key.getBytes(StandardCharsets.UTF_8), value, System.currentTimeMillis());
  }

  private List<Profile> profiles() {
    return InMemoryIo.collected(name("redis-profiles"));
  }

  private void await(String what, Predicate<List<Profile>> condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.test(profiles())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; profile updates: " + profiles());
      }
      Thread.sleep(20);
    }
  }

  private static Predicate<List<Profile>> version(String customer, long version) {
    return list -> list.stream().anyMatch(p -> p.customer().equals(customer) && p.version() == version);
  }

  @Test
  void theJobsWiringCarriesEventsDeadLettersAndHandoffsEndToEnd() throws Exception {
    Configuration conf = configuration();
    PulseSettings settings = PulseSettings.from(conf);
    Topics topics = settings.topics();
    StreamExecutionEnvironment env = FlinkSetup.environment(conf);
    new CustomerPulseJob(settings.logic(), sources(settings), sinks(settings)).build(env);
    JobClient job = env.executeAsync("customer-pulse-topology-test");
    long junkOffset;
    long negativeOffset;
    long lateOffset;
    byte[] negative;
    try {
      // Browsing, a visitor, a service call, and two records that cannot be used.
      send(topics.clicks(), "alice", click("c1", "alice", null, ClickType.PAGE_VIEW, T + 1_000));
      send(topics.clicks(), "alice", click("c2", "alice", null, ClickType.ADD_TO_CART, T + 2_000));
      send(topics.clicks(), "d-1", click("v1", null, "d-1", ClickType.PAGE_VIEW, T + 1_200));
      junkOffset = sendRaw(topics.clicks(), "junk", "not avro at all".getBytes(StandardCharsets.UTF_8));
      negative = FixedSchemas.framed(2, paid("o-neg", "carol", T + 2_000, -5));
      negativeOffset = sendRaw(topics.orders(), "carol", negative);
      send(topics.serviceCalls(), "bob", call("s1", "bob", T + 1_500));
      await("alice's clicks and bob's call", version("alice", 2).and(version("bob", 1)));

      // The inputs are read independently: the orders go in once the clicks have landed.
      send(topics.orders(), "alice", paid("o1", "alice", T + 3_000, 60_000));
      send(topics.orders(), "bob", paid("o2", "bob", T + 2_500, 1_000));
      await("the orders", version("alice", 3).and(version("bob", 2)));

      // The login links the visitor to alice: its page view is handed to her through the loop. A
      // click a month behind the clicks' watermark is too late.
      send(topics.clicks(), "alice", click("login", "alice", "d-1", ClickType.LOGIN, T + 4_000));
      lateOffset = send(topics.clicks(), "erin", click("late", "erin", null, ClickType.PAGE_VIEW,
          T - Duration.ofDays(30).toMillis()));
      await("the visitor's page view handed to alice", list -> list.stream()
          .anyMatch(p -> p.customer().equals("alice") && p.pageViews() == 2));

      // bob is alice: his state goes to her through the loop, and his later order follows.
      send(topics.identities(), "alice", merge("m-1", "bob", "alice", T + 5_000));
      await("bob merged into alice", list -> list.stream().anyMatch(p -> p.customer().equals("bob") && p.deleted())
          && list.stream().anyMatch(p -> p.customer().equals("alice") && p.orders() == 2));
      send(topics.orders(), "bob", paid("o3", "bob", T + 6_000, 700));
      await("bob's later order forwarded to alice", list -> list.stream()
          .anyMatch(p -> p.customer().equals("alice") && p.orders() == 3));
      // Without draining: no end-of-input watermark, so no timers fire; the last snapshots are flushed.
      job.stopWithSavepoint(false, checkpoints.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
          .get(60, TimeUnit.SECONDS);
      job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
    } catch (Throwable e) {
      job.cancel();
      throw e;
    }

    // Redis: every update, in order per customer. alice: two clicks, her order, the login, the
    // visitor's state (its page view), bob's state (his order and call: his 2 versions are added to
    // alice's 5, so the version counts the updates of the merged history), bob's later order.
    String aliceSegments = "tier:high,lifecycle:new,rfm:potential_loyalist";
    assertThat(profiles()).filteredOn(p -> p.customer().equals("alice")).containsExactly(
        new Profile("alice", 1, false, 0, 0, 1, 0, 0, "tier:new,lifecycle:new"),
        new Profile("alice", 2, false, 0, 0, 1, 1, 0, "tier:new,lifecycle:new"),
        new Profile("alice", 3, false, 1, 60_000, 1, 1, 0, aliceSegments),
        new Profile("alice", 4, false, 1, 60_000, 1, 1, 0, aliceSegments),
        new Profile("alice", 5, false, 1, 60_000, 2, 1, 0, aliceSegments),
        new Profile("alice", 7, false, 2, 61_000, 2, 1, 1, aliceSegments),
        new Profile("alice", 8, false, 3, 61_700, 2, 1, 1, aliceSegments));
    Profile bobDeleted = new Profile("bob", 3, true, 1, 1_000, 0, 0, 1, "tier:normal,lifecycle:new,rfm:new");
    assertThat(profiles()).filteredOn(p -> p.customer().equals("bob")).containsExactly(
        new Profile("bob", 1, false, 0, 0, 0, 0, 1, "tier:new,lifecycle:new"),
        new Profile("bob", 2, false, 1, 1_000, 0, 0, 1, "tier:normal,lifecycle:new,rfm:new"),
        bobDeleted);
    assertThat(profiles()).as("no visitor, no invalid or late record reaches a profile")
        .extracting(Profile::customer).containsOnly("alice", "bob");

    // customer-profiles: the latest update per customer and checkpoint; which versions in between
    // depends on when checkpoints fell, the last one does not.
    List<Profile> snapshots = InMemoryIo.collected(name("customer-profiles"));
    assertThat(snapshots).extracting(Profile::customer).containsOnly("alice", "bob");
    assertThat(snapshots.stream().filter(p -> p.customer().equals("alice")).reduce((a, b) -> b))
        .contains(new Profile("alice", 8, false, 3, 61_700, 2, 1, 1, aliceSegments));
    assertThat(snapshots.stream().filter(p -> p.customer().equals("bob")).reduce((a, b) -> b)).contains(bobDeleted);

    List<SegmentChange> changes = InMemoryIo.collected(name("segment-changes"));
    assertThat(changes).extracting(SegmentChange::getChangeId, c -> c.getChange().name(), SegmentChange::getFromSegment,
        SegmentChange::getToSegment, SegmentChange::getReason, c -> c.getEventTime().toEpochMilli(),
        SegmentChange::getProfileVersion).containsExactlyInAnyOrder(
            tuple("alice/1/tier:new/entered", "ENTERED", null, "tier:new", "first event of a new customer", T + 1_000, 1L),
            tuple("alice/1/lifecycle:new/entered", "ENTERED", null, "lifecycle:new", "first seen less than 30 days ago",
                T + 1_000, 1L),
            tuple("alice/3/tier:new/exited", "EXITED", "tier:new", "tier:high",
                "first paid order, net spend 600.00 EUR reached the high threshold 500.00", T + 3_000, 3L),
            tuple("alice/3/tier:high/entered", "ENTERED", "tier:new", "tier:high",
                "first paid order, net spend 600.00 EUR reached the high threshold 500.00", T + 3_000, 3L),
            tuple("alice/3/rfm:potential_loyalist/entered", "ENTERED", null, "rfm:potential_loyalist", "r=5 f=1 m=4",
                T + 3_000, 3L),
            tuple("bob/1/tier:new/entered", "ENTERED", null, "tier:new", "first event of a new customer", T + 1_500, 1L),
            tuple("bob/1/lifecycle:new/entered", "ENTERED", null, "lifecycle:new", "first seen less than 30 days ago",
                T + 1_500, 1L),
            tuple("bob/2/tier:new/exited", "EXITED", "tier:new", "tier:normal", "first paid order, net spend 10.00 EUR",
                T + 2_500, 2L),
            tuple("bob/2/tier:normal/entered", "ENTERED", "tier:new", "tier:normal", "first paid order, net spend 10.00 EUR",
                T + 2_500, 2L),
            tuple("bob/2/rfm:new/entered", "ENTERED", null, "rfm:new", "r=5 f=1 m=1", T + 2_500, 2L),
            tuple("bob/3/tier:normal/exited", "EXITED", "tier:normal", null, "merged into customer alice", T + 5_000, 3L),
            tuple("bob/3/lifecycle:new/exited", "EXITED", "lifecycle:new", null, "merged into customer alice", T + 5_000, 3L),
            tuple("bob/3/rfm:new/exited", "EXITED", "rfm:new", null, "merged into customer alice", T + 5_000, 3L));
    assertThat(changes).filteredOn(c -> c.getCustomerId().equals("alice")).extracting(SegmentChange::getChangeId)
        .as("in order per customer").containsExactly("alice/1/tier:new/entered", "alice/1/lifecycle:new/entered",
            "alice/3/tier:new/exited", "alice/3/tier:high/entered", "alice/3/rfm:potential_loyalist/entered");

    // Dead letters keep the record whole and say where it came from.
    List<DeadLetter> dead = InMemoryIo.collected(name("dead-letters"));
    assertThat(dead).extracting(DeadLetter::getReason, DeadLetter::getDetail, DeadLetter::getSourceTopic,
        DeadLetter::getSourcePartition, DeadLetter::getSourceOffset, d -> text(d.getKey())).containsExactlyInAnyOrder(
            tuple("NOT_CONFLUENT_FRAMED", "first byte is 0x6e, not the Confluent magic byte 0x00", topics.clicks(), 0, junkOffset,
                "junk"),
            tuple("INVALID_AMOUNT", "amount_minor -5 is outside 0..10000000000", topics.orders(), 0, negativeOffset, "carol"));
    assertThat(dead).filteredOn(d -> d.getReason().equals("NOT_CONFLUENT_FRAMED")).singleElement()
        .satisfies(d -> assertThat(text(d.getValue())).isEqualTo("not avro at all"));
    assertThat(dead).filteredOn(d -> d.getReason().equals("INVALID_AMOUNT")).singleElement()
        .satisfies(d -> assertThat(bytes(d.getValue())).isEqualTo(negative));
    List<DeadLetter> late = InMemoryIo.collected(name("late-events"));
    assertThat(late).extracting(DeadLetter::getReason, DeadLetter::getSourceTopic, DeadLetter::getSourceOffset,
        d -> text(d.getKey())).containsExactly(tuple("LATE_EVENT", topics.clicks(), lateOffset, "erin"));
    assertThat(late.get(0).getDetail()).startsWith("event_time 2026-01-31T10:00:00Z is more than PT168H behind the watermark ");

    // The loop: what went round it, in the job's own handoff encoding.
    List<Handoff> handoffs = InMemoryIo.topic(topics.customerHandoffs()).stream().map(message -> {
      try {
        return Handoff.of(HandoffRecords.decode(message.value()));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).toList();
    assertThat(handoffs).containsExactly(new Handoff("ABSORB", "alice", "anon:d-1", 0), new Handoff("ABSORB", "alice", "bob", 0),
        new Handoff("ORDER_PAID", "alice", null, 1));

    assertThat(InMemoryIo.<Object>collected(name("churn-alerts"))).isEmpty();
    assertThat(InMemoryIo.<Object>collected(name("redis-churn-alerts"))).isEmpty();
    assertThat(InMemoryIo.<Object>collected(name("date-triggers"))).isEmpty();
    assertThat(InMemoryIo.<Object>collected(name("segment-rule-status"))).isEmpty();
    assertThat(InMemoryIo.<Object>collected(name("clv-quantiles"))).as("two buyers, below pulse.tiers.min-population").isEmpty();
  }

  private static ClickEvent click(String id, String customer, String anonymous, ClickType type, long time) {
    return ClickEvent.newBuilder().setEventId(id).setCustomerId(customer).setAnonymousId(anonymous)
        .setEventTime(Instant.ofEpochMilli(time)).setType(type).build();
  }

  private static OrderEvent paid(String id, String customer, long time, long amount) {
    return OrderEvent.newBuilder().setEventId(id).setOrderId("order-" + id).setCustomerId(customer)
        .setEventTime(Instant.ofEpochMilli(time)).setStatus(OrderStatus.PAID).setLines(List.of())
        .setAmountMinor(amount).setCurrency("EUR").build();
  }

  private static ServiceCallEvent call(String id, String customer, long time) {
    return ServiceCallEvent.newBuilder().setEventId(id).setCustomerId(customer).setEventTime(Instant.ofEpochMilli(time))
        .setChannel(ServiceChannel.PHONE).setComplaint(true).setResolved(false).build();
  }

  private static IdentityEvent merge(String id, String merged, String survivor, long time) {
    return IdentityEvent.newBuilder().setEventId(id).setEventTime(Instant.ofEpochMilli(time))
        .setType(IdentityEventType.MERGE).setCustomerId(survivor).setMergedCustomerId(merged).build();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  private static String text(ByteBuffer buffer) {
    return buffer == null ? null : StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
  }
}
