package dev.customerpulse.it;

import static dev.customerpulse.it.ItEvents.call;
import static dev.customerpulse.it.ItEvents.click;
import static dev.customerpulse.it.ItEvents.paid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.customerpulse.avro.ClickEvent;
import dev.customerpulse.avro.CustomerProfile;
import dev.customerpulse.avro.ClickType;
import dev.customerpulse.avro.DeadLetter;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.SegmentChangeType;
import dev.customerpulse.avro.ServiceCallEvent;
import dev.customerpulse.connectors.kafka.DeadLetterSerializer;
import dev.customerpulse.job.JobLauncher;
import dev.customerpulse.published.ProfileFields;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import dev.customerpulse.job.PulseOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The whole job on a MiniCluster with RocksDB and exactly-once checkpoints, reading real Kafka
 * through a real registry and writing real Redis and Kafka; malformed records included.
 */
class CustomerPulseJobIT extends OnTestStack {

  private JobClient startJob(Configuration conf) throws Exception {
    return JobLauncher.start(conf, "customer-pulse-it");
  }



  @Test
  void profilesSegmentsAndDeadLettersComeOutExactly() throws Exception {
    var topics = it.topics;
    Configuration conf = it.jobConfiguration();
    // Which records become dead letters, not how long an unknown schema id is asked for again
    // (PoisonRecordsIT and RegistryRetriesIT): the retries would hold dave's call back past the stop.
    conf.set(PulseOptions.REGISTRY_UNKNOWN_ID_RETRIES, 0);
    JobClient job = startJob(conf);

    // Browsing and a service call first; the three topics are consumed independently, so the
    // orders go in only once these have landed, as they would minutes later in real life.
    it.send(topics.clicks(), "alice", click("c1", "alice", "dev-a", ClickType.PAGE_VIEW, 1_000));
    it.send(topics.clicks(), "alice", click("c2", "alice", "dev-a", ClickType.ADD_TO_CART, 2_000));
    it.send(topics.serviceCalls(), "bob", call("s1", "bob", 1_500));
    it.send(topics.clicks(), "dev-x", click("c3", null, "dev-x", ClickType.PAGE_VIEW, 1_200));

    // Five kinds of bad input, interleaved with the good.
    it.sendRaw(topics.clicks(), "junk", "not avro at all".getBytes(StandardCharsets.UTF_8));
    byte[] wrongMagic = {1, 0, 0, 0, 1, 2, 3};
    it.sendRaw(topics.orders(), "bad-magic", wrongMagic);
    byte[] unknownId = {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 3};
    it.sendRaw(topics.serviceCalls(), "unknown-id", unknownId);
    it.send(topics.clicks(), "nobody", click("c4", null, null, ClickType.PAGE_VIEW, 1_300));
    it.sendRaw(topics.clicks(), "empty", new byte[0]);
    // Decodable but invalid: a negative amount and an NPS of 11.
    it.send(topics.orders(), "carol", paid("o-neg", "carol", 2_000, -5));
    it.send(topics.serviceCalls(), "dave", ServiceCallEvent.newBuilder(call("s-nps", "dave", 1_700)).setNps(11).build());
    it.awaitVersion("alice", "2");
    it.awaitVersion("bob", "1");

    it.send(topics.orders(), "alice", paid("o1", "alice", 3_000, 60_000));
    it.send(topics.orders(), "bob", paid("o2", "bob", 2_500, 1_000));
    it.awaitVersion("alice", "3");
    it.awaitVersion("bob", "2");
    it.stopWithSavepoint(job);

    var redis = it.redis();
    Map<String, String> alice = redis.hgetAll(it.key("profile:{alice}"));
    Set<String> fields = new java.util.HashSet<>(ProfileFields.NAMES);
    fields.addAll(List.of("v", "segments", "segments_synced"));
    assertThat(alice.keySet()).isEqualTo(fields);
    assertThat(alice).containsAllEntriesOf(Map.ofEntries(
        Map.entry("v", "3"), Map.entry("segments", "tier:high,lifecycle:new,rfm:potential_loyalist"),
        Map.entry("segments_synced", "tier:high,lifecycle:new,rfm:potential_loyalist"), Map.entry("lifecycle_stage", "new"),
        Map.entry("rfm_segment", "potential_loyalist"),
        Map.entry("customer_id", "alice"), Map.entry("scored_at", "3000"), Map.entry("first_seen", "1000"),
        Map.entry("last_seen", "3000"), Map.entry("page_views", "1"), Map.entry("cart_adds", "1"), Map.entry("orders", "1"),
        Map.entry("spend_minor", "60000"), Map.entry("currency", "EUR"), Map.entry("value_tier", "high"),
        Map.entry("views_7d", "1"), Map.entry("cart_adds_30d", "1"), Map.entry("orders_30d", "1"),
        Map.entry("spend_30d_minor", "60000"), Map.entry("sessions", "1"), Map.entry("recency_days", "0"),
        Map.entry("frequency", "1"), Map.entry("r_score", "5"), Map.entry("f_score", "1"), Map.entry("m_score", "4"),
        Map.entry("rfm", "514"), Map.entry("average_order_value_minor", "60000"), Map.entry("p_alive", "1.0000"),
        Map.entry("service_calls", "0"), Map.entry("abandoned_carts", "0")));

    Map<String, String> bob = redis.hgetAll(it.key("profile:{bob}"));
    assertThat(bob).containsEntry("v", "2").containsEntry("service_calls", "1").containsEntry("complaints", "1")
        .containsEntry("unresolved_90d", "1").containsEntry("orders", "1")
        .containsEntry("spend_minor", "1000").containsEntry("value_tier", "normal").containsEntry("first_seen", "1500")
        .containsEntry("rfm_segment", "new").containsEntry("segments", "tier:normal,lifecycle:new,rfm:new");

    // The refill bookkeeping ({meta}: the generation marker, its refill report) aside, which redis.md lists.
    assertThat(redis.get(it.key("{meta}:generation"))).isNotEmpty();
    assertThat(redis.keys(it.redisPrefix + ":*").stream().filter(key -> !key.contains(":{meta}:"))).containsExactlyInAnyOrder(
        it.key("profile:{alice}"), it.key("profile:{bob}"), it.key("segment:tier:high"), it.key("segment:tier:normal"),
        it.key("segment:lifecycle:new"), it.key("segment:rfm:potential_loyalist"), it.key("segment:rfm:new"), it.key("contract"),
        it.key("rank:churn-risk"));
    for (String customer : List.of("alice", "bob")) {
      assertThat(String.format(java.util.Locale.ROOT, "%.4f", redis.zscore(it.key("rank:churn-risk"), customer)))
          .as("the ranking holds the hash's churn risk").isEqualTo(redis.hget(it.key("profile:{" + customer + "}"), "churn_risk"));
    }
    assertThat(redis.smembers(it.key("segment:lifecycle:new"))).isEqualTo(Set.of("alice", "bob"));
    assertThat(redis.smembers(it.key("segment:tier:high"))).isEqualTo(Set.of("alice"));
    assertThat(redis.smembers(it.key("segment:tier:normal"))).isEqualTo(Set.of("bob"));

    List<ConsumerRecord<byte[], SegmentChange>> changes = it.readCommitted(topics.segmentChanges(), SegmentChange.class);
    assertThat(changes).extracting(r -> new String(r.key(), StandardCharsets.UTF_8), r -> r.value().getChangeId())
        .containsExactlyInAnyOrder(
            tuple("alice", "alice/1/tier:new/entered"),
            tuple("alice", "alice/1/lifecycle:new/entered"),
            tuple("alice", "alice/3/tier:new/exited"),
            tuple("alice", "alice/3/tier:high/entered"),
            tuple("alice", "alice/3/rfm:potential_loyalist/entered"),
            tuple("bob", "bob/1/tier:new/entered"),
            tuple("bob", "bob/1/lifecycle:new/entered"),
            tuple("bob", "bob/2/tier:new/exited"),
            tuple("bob", "bob/2/tier:normal/entered"),
            tuple("bob", "bob/2/rfm:new/entered"));
    assertThat(changes.stream().filter(r -> r.value().getCustomerId().equals("alice")).map(r -> r.value().getChangeId()))
        .as("in order per customer")
        .containsExactly("alice/1/tier:new/entered", "alice/1/lifecycle:new/entered", "alice/3/tier:new/exited",
            "alice/3/tier:high/entered", "alice/3/rfm:potential_loyalist/entered");
    SegmentChange aliceHigh = changes.stream().map(ConsumerRecord::value)
        .filter(c -> c.getChangeId().equals("alice/3/tier:high/entered")).findFirst().orElseThrow();
    assertThat(aliceHigh.getChange()).isEqualTo(SegmentChangeType.ENTERED);
    assertThat(aliceHigh.getFromSegment()).isEqualTo("tier:new");
    assertThat(aliceHigh.getToSegment()).isEqualTo("tier:high");
    assertThat(aliceHigh.getReason()).isEqualTo("first paid order, net spend 600.00 EUR reached the high threshold 500.00");
    assertThat(aliceHigh.getEventTime()).isEqualTo(Instant.ofEpochMilli(3_000));

    Map<String, CustomerProfile> latest = new HashMap<>();
    for (ConsumerRecord<byte[], CustomerProfile> record : it.readCommitted(topics.customerProfiles(), CustomerProfile.class)) {
      latest.put(new String(record.key(), StandardCharsets.UTF_8), record.value());
    }
    assertThat(latest.keySet()).as("customers only, no anonymous visitors").containsExactlyInAnyOrder("alice", "bob");
    CustomerProfile aliceProfile = latest.get("alice");
    assertThat(aliceProfile.getVersion()).isEqualTo(3);
    assertThat(aliceProfile.getSpendMinor()).isEqualTo(60_000);
    assertThat(aliceProfile.getValueTier()).isEqualTo("high");
    assertThat(aliceProfile.getRScore()).isEqualTo(5);
    assertThat(aliceProfile.getPAlive()).isEqualTo(1.0);
    assertThat(aliceProfile.getScoredAt()).isEqualTo(Instant.ofEpochMilli(3_000));
    assertThat(aliceProfile.getChurnRisk()).isEqualTo(Double.parseDouble(alice.get("churn_risk")), org.assertj.core.api.Assertions.within(0.00005));

    List<ConsumerRecord<byte[], DeadLetter>> dead = it.readCommitted(topics.deadLetters(), DeadLetter.class);
    assertThat(dead).extracting(r -> r.value().getReason(), r -> r.value().getSourceTopic(), r -> new String(r.key(), StandardCharsets.UTF_8))
        .containsExactlyInAnyOrder(
            tuple("NOT_CONFLUENT_FRAMED", topics.clicks(), "junk"),
            tuple("NOT_CONFLUENT_FRAMED", topics.orders(), "bad-magic"),
            tuple("UNKNOWN_SCHEMA_ID", topics.serviceCalls(), "unknown-id"),
            tuple("MISSING_CUSTOMER_KEY", topics.clicks(), "nobody"),
            tuple("EMPTY_RECORD", topics.clicks(), "empty"),
            tuple("INVALID_AMOUNT", topics.orders(), "carol"),
            tuple("INVALID_VALUE", topics.serviceCalls(), "dave"));
    assertThat(it.redis().exists(it.key("profile:{carol}"))).isFalse();
    assertThat(it.redis().exists(it.key("profile:{dave}"))).isFalse();
    DeadLetter junk = dead.stream().map(ConsumerRecord::value).filter(d -> "junk".equals(text(d.getKey()))).findFirst().orElseThrow();
    assertThat(text(junk.getValue())).isEqualTo("not avro at all");
    assertThat(junk.getSourcePartition()).isZero();
    assertThat(junk.getSourceOffset()).isEqualTo(3);
    assertThat(junk.getDetail()).isEqualTo("first byte is 0x6e, not the Confluent magic byte 0x00");
    ConsumerRecord<byte[], DeadLetter> unknown = dead.stream().filter(r -> r.value().getReason().equals("UNKNOWN_SCHEMA_ID")).findFirst().orElseThrow();
    assertThat(bytes(unknown.value().getValue())).isEqualTo(unknownId);
    assertThat(header(unknown, DeadLetterSerializer.REASON)).isEqualTo("UNKNOWN_SCHEMA_ID");
    assertThat(header(unknown, DeadLetterSerializer.SOURCE_TOPIC)).isEqualTo(topics.serviceCalls());
    assertThat(header(unknown, DeadLetterSerializer.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(header(unknown, DeadLetterSerializer.SOURCE_OFFSET)).isEqualTo("1");
    assertThat(header(unknown, DeadLetterSerializer.EXCEPTION)).startsWith("dev.customerpulse.connectors.registry.UnknownSchemaIdException: schema id 2139062143");
  }

  @Test
  void aJobRestoredFromASavepointContinuesItsStateAndItsExactlyOnceOutput() throws Exception {
    var topics = it.topics;
    JobClient first = startJob(it.jobConfiguration());
    it.send(topics.clicks(), "alice", click("c1", "alice", null, ClickType.PAGE_VIEW, 1_000));
    it.awaitVersion("alice", "1");
    it.send(topics.orders(), "alice", paid("o1", "alice", 2_000, 30_000));
    it.awaitVersion("alice", "2");
    String savepoint = it.stopWithSavepoint(first);

    Configuration restored = it.jobConfiguration();
    restored.set(org.apache.flink.configuration.StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    JobClient second = startJob(restored);
    it.send(topics.orders(), "alice", paid("o2", "alice", 3_000, 30_000));
    it.awaitVersion("alice", "3");
    it.stopWithSavepoint(second);

    // Without the restored state the new job would count from zero: spend 300.00 at version 1, refused by Redis.
    assertThat(it.redis().hgetAll(it.key("profile:{alice}"))).containsEntry("spend_minor", "60000")
        .containsEntry("orders", "2").containsEntry("page_views", "1").containsEntry("value_tier", "high");
    assertThat(it.redis().smembers(it.key("segment:tier:high"))).containsExactly("alice");
    assertThat(it.redis().exists(it.key("segment:tier:normal"))).isFalse();
    assertThat(it.readCommitted(topics.segmentChanges(), SegmentChange.class)).extracting(r -> r.value().getChangeId())
        .containsExactly("alice/1/tier:new/entered", "alice/1/lifecycle:new/entered", "alice/2/tier:new/exited",
            "alice/2/tier:normal/entered", "alice/2/rfm:potential_loyalist/entered", "alice/3/tier:normal/exited",
            "alice/3/tier:high/entered");
  }

  @Test
  void aChurnAlertGoesToItsTopicExactlyOnceWithItsReasons() throws Exception {
    Configuration conf = it.jobConfiguration();
    // A model the test can follow: each complaint within 90 days adds 1 to the log-odds.
    conf.set(PulseOptions.CHURN_INTERCEPT, 0.0);
    conf.set(PulseOptions.CHURN_WEIGHTS, Map.of("complaints", "3.0"));
    conf.set(PulseOptions.ALERT_CHURN_CLEAR_BELOW, 0.6);
    JobClient job = startJob(conf);
    it.send(it.topics.serviceCalls(), "zoe", call("s-z1", "zoe", 1_000));
    it.send(it.topics.serviceCalls(), "zoe", call("s-z2", "zoe", 2_000));
    it.awaitVersion("zoe", "2");
    it.stopWithSavepoint(job);

    List<ConsumerRecord<byte[], dev.customerpulse.avro.ChurnAlert>> alerts =
        it.readCommitted(it.topics.churnAlerts(), dev.customerpulse.avro.ChurnAlert.class);
    assertThat(alerts).singleElement().satisfies(record -> {
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("zoe");
      var alert = record.value();
      assertThat(alert.getAlertId()).isEqualTo("zoe/1");
      assertThat(alert.getChurnRisk()).isCloseTo(1 / (1 + Math.exp(-1)), org.assertj.core.data.Offset.offset(1e-12));
      assertThat(alert.getPriority()).isEqualTo(dev.customerpulse.avro.AlertPriority.LOW);
      assertThat(alert.getValueTier()).isEqualTo("new");
      assertThat(alert.getReasons()).extracting(r -> r.getFeature()).containsExactly("complaints");
    });
    var entries = it.redis().xrange(it.key("{alerts}:churn"), (redis.clients.jedis.StreamEntryID) null,
        (redis.clients.jedis.StreamEntryID) null);
    assertThat(entries).singleElement().satisfies(entry -> assertThat(entry.getFields()).isEqualTo(Map.of(
        "alert_id", "zoe/1", "customer_id", "zoe", "event_time", "1000", "churn_risk", "0.7311", "threshold", "0.7000",
        "priority", "LOW", "value_tier", "new", "reasons", "complaints:+1.000",
        "model_version", alerts.get(0).value().getModelVersion())));
  }

  private static String header(ConsumerRecord<?, ?> record, String key) {
    return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  private static String text(ByteBuffer buffer) {
    return buffer == null ? null : new String(bytes(buffer), StandardCharsets.UTF_8);
  }

  @Test
  void anEventLaterThanTheAllowedLatenessGoesToTheLateEventsTopicAndIsNotCounted() throws Exception {
    Configuration conf = it.jobConfiguration();
    conf.set(PulseOptions.ALLOWED_LATENESS, java.time.Duration.ofHours(1));
    conf.set(PulseOptions.SOURCE_IDLENESS, java.time.Duration.ofSeconds(1));
    JobClient job = startJob(conf);
    try {
      long hour = 3_600_000L;
      long now = 240 * hour;
      it.send(it.topics.clicks(), "gus", click("g1", "gus", null, ClickType.PAGE_VIEW, now));
      it.awaitVersion("gus", "1");
      // Let the idle partition stop holding event time back, and the watermark reach the source.
      Thread.sleep(2_500);
      it.send(it.topics.clicks(), "gus", click("g-late", "gus", null, ClickType.PAGE_VIEW, now - 2 * hour));
      it.send(it.topics.clicks(), "gus", click("g-in-time", "gus", null, ClickType.PAGE_VIEW, now - hour / 2));
      it.awaitVersion("gus", "2");

      List<ConsumerRecord<byte[], DeadLetter>> late = it.readCommitted(it.topics.lateEvents(), DeadLetter.class);
      long deadline = System.currentTimeMillis() + 30_000;
      while (late.isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
        late = it.readCommitted(it.topics.lateEvents(), DeadLetter.class);
      }
      assertThat(late).hasSize(1);
      DeadLetter letter = late.get(0).value();
      assertThat(letter.getReason()).isEqualTo("LATE_EVENT");
      assertThat(letter.getSourceTopic()).isEqualTo(it.topics.clicks());
      ClickEvent original = new dev.customerpulse.connectors.kafka.ConfluentAvroDecoder<>(ClickEvent.class, it.registry)
          .decode(letter.getValue().array());
      assertThat(original.getEventId()).isEqualTo("g-late");
      assertThat(it.redis().hget(it.key("profile:{gus}"), "page_views")).isEqualTo("2");
      assertThat(it.readCommitted(it.topics.deadLetters(), DeadLetter.class)).isEmpty();
    } finally {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
  }
}
