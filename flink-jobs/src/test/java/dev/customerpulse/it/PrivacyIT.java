package dev.customerpulse.it;

import static dev.customerpulse.it.ItEvents.call;
import static dev.customerpulse.it.ItEvents.click;
import static dev.customerpulse.it.ItEvents.identify;
import static dev.customerpulse.it.ItEvents.merge;
import static dev.customerpulse.it.ItEvents.paid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.customerpulse.avro.ClickType;
import dev.customerpulse.avro.IdentityEvent;
import dev.customerpulse.avro.PrivacyOutcome;
import dev.customerpulse.avro.PrivacyReceipt;
import dev.customerpulse.avro.PrivacyRequest;
import dev.customerpulse.avro.PrivacyRequestType;
import dev.customerpulse.job.JobLauncher;
import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.privacy.Pseudonymizer;
import dev.customerpulse.privacy.Pseudonymizer.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Erasure on the real stack: a customer with a linked visitor, a merged id, an email, a churn alert and
 * a birthday trigger is erased while the job runs, with a restore between the request and its receipt.
 * Afterwards no Redis key or value, no state in the savepoint (read with the State Processor API, and
 * byte by byte) and no latest record of a compacted topic holds any of their ids; a replay of their old
 * events does not bring them back.
 */
class PrivacyIT extends OnTestStack {
  private static final String ANN = "cust-7f3e";
  private static final String OLD = "cust-9k2q";
  private static final String DEVICE = "dev-55x1";
  private static final String EMAIL = "erase.me@example.com";
  private static final String EMAIL_PSEUDONYM =
      new Pseudonymizer(PulseTestStack.PSEUDONYMISATION_SECRET).pseudonym(Kind.EMAIL, EMAIL);
  /** Every trace that must be gone. */
  private static final List<String> TRACES = List.of(ANN, OLD, DEVICE, EMAIL, EMAIL_PSEUDONYM);

  private JobClient start(String savepoint, Duration checkpointInterval) throws Exception {
    Configuration conf = it.jobConfiguration();
    conf.set(PulseOptions.SOURCE_IDLENESS, Duration.ofSeconds(1));
    // A model the test can follow: two complaints raise a churn alert.
    conf.set(PulseOptions.CHURN_INTERCEPT, 0.0);
    conf.set(PulseOptions.CHURN_WEIGHTS, Map.of("complaints", "3.0"));
    conf.set(PulseOptions.ALERT_CHURN_CLEAR_BELOW, 0.6);
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
    if (savepoint != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    return JobLauncher.start(conf, "customer-pulse-privacy-it");
  }

  /** ann's history: a visitor who logged in, her email and birthday, a merged older account, two complaints. */
  private void annsHistory() {
    var topics = it.topics;
    it.send(topics.clicks(), DEVICE, click("v1", null, DEVICE, ClickType.PAGE_VIEW, 1_000));
    it.send(topics.clicks(), DEVICE, click("v2", null, DEVICE, ClickType.ADD_TO_CART, 2_000));
    it.send(topics.orders(), OLD, paid("o-old", OLD, 3_000, 4_000));
    it.send(topics.clicks(), ANN, click("login", ANN, DEVICE, ClickType.LOGIN, 4_000));
    IdentityEvent signUp = identify("id-1", ANN, null, EMAIL, null, 4_500);
    signUp.setBirthDate("1990-01-02");
    it.send(topics.identities(), ANN, signUp);
    it.send(topics.identities(), ANN, merge("m-1", OLD, ANN, 5_000));
    it.send(topics.serviceCalls(), ANN, call("s-1", ANN, 6_000));
    it.send(topics.serviceCalls(), ANN, call("s-2", ANN, 7_000));
  }

  @Test
  void anErasedCustomerLeavesNoTraceAndDoesNotComeBack() throws Exception {
    var topics = it.topics;
    JobClient first = start(null, Duration.ofMillis(500));
    it.send(topics.orders(), "bob", paid("o-bob-1", "bob", 3_000, 1_000));
    annsHistory();
    // bob's later order moves event time past 2 January: ann's birthday fires.
    it.send(topics.orders(), "bob", paid("o-bob-2", "bob", 100_000_000, 1_000));
    await("ann's history, alert and birthday committed", () -> "1".equals(it.redis().hget(it.key("profile:{" + ANN + "}"), "orders"))
        && "1".equals(it.redis().hget(it.key("profile:{" + ANN + "}"), "page_views"))
        && !committed(topics.churnAlerts()).isEmpty() && !committed(topics.dateTriggers()).isEmpty());
    assertThat(it.redis().xlen(it.key("{alerts}:churn"))).isEqualTo(1);

    // Access: the export holds the profile exactly as Redis does, and the keys tied to ann.
    it.send(topics.privacyRequests(), "req-0", PrivacyRequest.newBuilder().setRequestId("req-0")
        .setType(PrivacyRequestType.EXPORT).setRequestedAt(Instant.ofEpochMilli(100_000_000)).setEmail(" Erase.Me@Example.com")
        .build());
    await("the export", () -> receipts().stream().anyMatch(r -> r.getOutcome() == PrivacyOutcome.EXPORTED));
    assertThat(receipts()).extracting(PrivacyReceipt::getOutcome, PrivacyReceipt::getSubject, PrivacyReceipt::getForwardedTo)
        .containsExactly(tuple(PrivacyOutcome.RESOLVED, EMAIL_PSEUDONYM, List.of(ANN)), tuple(PrivacyOutcome.EXPORTED, ANN, List.of()));
    JsonNode export = new ObjectMapper().readTree(receipts().get(1).getExportJson());
    Map<String, String> hash = new HashMap<>(it.redis().hgetAll(it.key("profile:{" + ANN + "}")));
    hash.remove("segments");
    hash.remove("segments_synced");
    Map<String, String> exported = new HashMap<>();
    export.get("profile").fields().forEachRemaining(e -> exported.put(e.getKey(), e.getValue().asText()));
    assertThat(exported).isEqualTo(hash);
    assertThat(export.get("linked_keys").toString()).isEqualTo("[\"anon:" + DEVICE + "\",\"" + OLD + "\",\"pii:" + EMAIL_PSEUDONYM + "\"]");
    assertThat(export.get("segments").toString()).isEqualTo(
        "[" + String.join(",", java.util.Arrays.stream(it.redis().hget(it.key("profile:{" + ANN + "}"), "segments").split(","))
            .map(segment -> "\"" + segment + "\"").toList()) + "]");
    assertThat(export.get("state").get("birth_month_day").asText()).isEqualTo("01-02");
    String beforeRequest = it.stopWithSavepoint(first);

    // The request is carried out, then the job fails before the checkpoint that would commit the
    // receipt: it restarts from the savepoint taken before the request and does it all again.
    JobClient interrupted = start(beforeRequest, Duration.ofHours(1));
    it.send(topics.privacyRequests(), "req-1", PrivacyRequest.newBuilder().setRequestId("req-1")
        .setType(PrivacyRequestType.ERASE).setRequestedAt(Instant.ofEpochMilli(110_000_000)).setCustomerId(ANN)
        .setRequestedBy("dpo").build());
    await("ann's profile deleted from Redis", () -> it.redis().hgetAll(it.key("profile:{" + ANN + "}")).isEmpty());
    assertThat(receipts()).as("no receipt before a checkpoint commits it").hasSize(2);
    interrupted.cancel().get(30, TimeUnit.SECONDS);

    JobClient resumed = start(beforeRequest, Duration.ofMillis(500));
    await("the receipt", () -> receipts().stream().anyMatch(r -> r.getRequestId().equals("req-1")));
    String afterErasure = it.stopWithSavepoint(resumed);

    List<PrivacyReceipt> receipts = receipts().stream().filter(r -> r.getRequestId().equals("req-1")).toList();
    assertThat(receipts).hasSize(1);
    PrivacyReceipt receipt = receipts.get(0);
    assertThat(receipt.getOutcome()).isEqualTo(PrivacyOutcome.ERASED);
    assertThat(receipt.getSubject()).isEqualTo(ANN);
    assertThat(receipt.getRequestedBy()).isEqualTo("dpo");
    assertThat(receipt.getRemovedKeys()).containsExactly(ANN, "anon:" + DEVICE, OLD, "pii:" + EMAIL_PSEUDONYM);
    assertThat(receipt.getRemovedRecords()).containsExactly("customer-profiles:" + ANN);
    assertThat(receipt.getCopiesGoneBy()).isEqualTo(receipt.getProcessedAt().plus(Duration.ofDays(14)));

    assertNoTraceInRedis();
    assertNoTraceInSavepoint(afterErasure);
    assertNoTraceInCompactedTopics();
    assertThat(it.redis().exists(it.key("profile:{bob}"))).as("bob is untouched").isTrue();

    // ann's and her old account's events are replayed: they stay dropped.
    annsHistory();
    it.send(topics.orders(), "bob", paid("o-bob-3", "bob", 120_000_000, 1_000));
    JobClient replayed = start(afterErasure, Duration.ofMillis(500));
    await("bob's third order", () -> "3".equals(it.redis().hget(it.key("profile:{bob}"), "orders")));
    it.stopWithSavepoint(replayed);
    assertNoTraceInRedis();
    assertNoTraceInCompactedTopics();
  }

  private List<ConsumerRecord<byte[], byte[]>> committed(String topic) {
    return it.readRaw(topic, "read_committed");
  }

  private List<PrivacyReceipt> receipts() {
    try {
      return it.readCommitted(it.topics.privacyReceipts(), PrivacyReceipt.class).stream().map(ConsumerRecord::value).toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 90_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  /** Every key of the job's prefix, and every value in it, of every type. */
  private void assertNoTraceInRedis() {
    var redis = it.redis();
    for (String key : redis.keys(it.redisPrefix + ":*")) {
      String text = key + " " + switch (redis.type(key)) {
        case "hash" -> redis.hgetAll(key).toString();
        case "set" -> redis.smembers(key).toString();
        case "zset" -> redis.zrange(key, 0, -1).toString();
        case "stream" -> redis.xrange(key, (redis.clients.jedis.StreamEntryID) null, (redis.clients.jedis.StreamEntryID) null)
            .stream().map(e -> e.getFields().toString()).toList().toString();
        default -> String.valueOf(redis.get(key));
      };
      assertThat(text).as(key).doesNotContain(TRACES);
    }
  }

  /**
   * The savepoint as an auditor reads it: every customer state through the State Processor API, and
   * every byte of its files (state of any kind, timers, operator state).
   */
  private void assertNoTraceInSavepoint(String savepoint) throws Exception {
    Map<String, String> states = SavepointStates.customers(savepoint);
    assertThat(states).containsKey("bob").doesNotContainKeys(ANN, OLD, "anon:" + DEVICE, "pii:" + EMAIL_PSEUDONYM);
    states.forEach((key, state) -> assertThat(state).as(key).doesNotContain(TRACES));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of(java.net.URI.create(savepoint)))) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      assertThat(bytes).as(file.toString()).doesNotContain(TRACES);
    }
  }

  /** The latest record of each key of customer-profiles: a tombstone for ann (and her old id), no trace elsewhere. */
  private void assertNoTraceInCompactedTopics() {
    Map<String, byte[]> latest = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : committed(it.topics.customerProfiles())) {
      latest.put(new String(record.key(), StandardCharsets.UTF_8), record.value());
    }
    assertThat(latest).containsKeys(ANN, "bob");
    assertThat(latest.get(ANN)).as("ann's latest profile record is a tombstone").isNull();
    // The old account was merged within one checkpoint of its first event: never published, nothing to delete.
    assertThat(latest.get(OLD)).as("her old account has no profile record, or a tombstone last").isNull();
    List<String> values = new ArrayList<>();
    latest.values().stream().filter(v -> v != null).forEach(v -> values.add(new String(v, StandardCharsets.ISO_8859_1)));
    for (String topic : List.of(it.topics.segmentRules(), it.topics.clvQuantiles())) {
      committed(topic).stream().filter(r -> r.value() != null).forEach(r -> values.add(new String(r.value(), StandardCharsets.ISO_8859_1)));
    }
    for (String value : values) {
      assertThat(value).doesNotContain(TRACES);
    }
  }
}
