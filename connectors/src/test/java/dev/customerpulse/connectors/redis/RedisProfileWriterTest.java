package dev.customerpulse.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.localstack.LocalStack;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** The Redis writer against a real redis-server. */
class RedisProfileWriterTest {
  private static RedisSettings settings;

  private final RedisKeys keys = new RedisKeys("t" + UUID.randomUUID().toString().substring(0, 8));
  private final TestProcessingTimeService time = new TestProcessingTimeService();
  private final RecordingMetrics metrics = new RecordingMetrics();
  private UnifiedJedis redis;
  private RedisProfileWriter<TestProfile> writer;

  record TestProfile(String customerId, long version, List<String> segments, Map<String, String> fields, long sourceTs,
      boolean deleted) {
    TestProfile(String customerId, long version, List<String> segments, Map<String, String> fields, long sourceTs) {
      this(customerId, version, segments, fields, sourceTs, false);
    }
  }

  static final class TestMapper implements RedisProfileMapper<TestProfile> {
    @Override public String customerId(TestProfile p) { return p.customerId(); }
    @Override public long version(TestProfile p) { return p.version(); }
    @Override public List<String> segments(TestProfile p) { return p.segments(); }
    @Override public List<String> fieldNames() { return List.of("customer_id", "spend_minor"); }
    @Override public void values(TestProfile p, FieldValues out) {
      out.setText(0, p.fields().getOrDefault("customer_id", p.customerId()));
      out.setText(1, p.fields().getOrDefault("spend_minor", ""));
    }
    @Override public long sourceTimestampMillis(TestProfile p) { return p.sourceTs(); }
    @Override public boolean deleted(TestProfile p) { return p.deleted(); }
    @Override public double rank(TestProfile p) {
      return p.fields().containsKey("risk") ? Double.parseDouble(p.fields().get("risk")) : Double.NaN;
    }
  }

  @BeforeAll
  static void server() {
    settings = RedisSettings.parse(LocalStack.shared().redisUrl());
  }

  @BeforeEach
  void open() {
    redis = settings.connect();
    writer = newWriter(new RedisSinkOptions(100, 50, java.time.Duration.ofSeconds(3), 1_000));
  }

  @AfterEach
  void close() throws Exception {
    writer.close();
    redis.close();
  }

  private RedisProfileWriter<TestProfile> newWriter(RedisSinkOptions options) {
    return new RedisProfileWriter<>(settings, keys, options, new TestMapper(), time, metrics);
  }

  private static TestProfile profile(String id, long version, String segment, String spend) {
    return new TestProfile(id, version, List.of(segment), Map.of("customer_id", id, "spend_minor", spend),
        System.currentTimeMillis());
  }

  @Test
  void writesTheProfileHashSegmentSetAndContractVersion() throws Exception {
    writer.write(profile("alice", 1, "tier:new", "0"), null);
    writer.write(profile("bob", 4, "tier:vip", "250000"), null);
    writer.flush(false);

    assertThat(redis.hgetAll(keys.profile("alice"))).isEqualTo(Map.of(
        "v", "1", "segments", "tier:new", "segments_synced", "tier:new", "customer_id", "alice", "spend_minor", "0"));
    assertThat(redis.hgetAll(keys.profile("bob"))).containsEntry("v", "4").containsEntry("spend_minor", "250000");
    assertThat(redis.smembers(keys.segment("tier:new"))).containsExactly("alice");
    assertThat(redis.smembers(keys.segment("tier:vip"))).containsExactly("bob");
    assertThat(redis.hget(keys.contract(), "version")).isEqualTo("1");
    assertThat(keys.profile("alice")).isEqualTo(keys.prefix() + ":profile:{alice}");
  }

  @Test
  void theChurnRiskRankingFollowsAppliedWritesOnly() throws Exception {
    writer.write(new TestProfile("alice", 2, List.of("tier:new"), Map.of("risk", "0.2"), 1), null);
    writer.write(new TestProfile("bob", 1, List.of("tier:new"), Map.of("risk", "0.9"), 1), null);
    writer.write(new TestProfile("cat", 1, List.of("tier:new"), Map.of(), 1), null);
    writer.flush(false);
    assertThat(redis.zrevrangeWithScores(keys.churnRisk(), 0, -1)).extracting(t -> t.getElement(), t -> t.getScore())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("bob", 0.9), org.assertj.core.groups.Tuple.tuple("alice", 0.2));

    writer.write(new TestProfile("alice", 1, List.of("tier:new"), Map.of("risk", "0.99"), 1), null);
    writer.flush(false);
    assertThat(redis.zscore(keys.churnRisk(), "alice")).as("a stale write does not move the ranking").isEqualTo(0.2);
    writer.write(new TestProfile("bob", 2, List.of(), Map.of(), 0, true), null);
    writer.flush(false);
    assertThat(redis.zrange(keys.churnRisk(), 0, -1)).as("a deleted customer leaves it").containsExactly("alice");
    assertThat(keys.churnRisk()).isEqualTo(keys.prefix() + ":rank:churn-risk");
  }

  @Test
  void keepsOnlyTheLatestProfilePerCustomerInABatch() throws Exception {
    writer.write(profile("alice", 1, "tier:new", "0"), null);
    writer.write(profile("alice", 2, "tier:normal", "1000"), null);
    writer.write(profile("alice", 3, "tier:normal", "2500"), null);
    writer.flush(false);

    assertThat(redis.hget(keys.profile("alice"), "v")).isEqualTo("3");
    assertThat(redis.hget(keys.profile("alice"), "spend_minor")).isEqualTo("2500");
    assertThat(metrics.count("profilesWritten")).isEqualTo(1);
    assertThat(metrics.histogram("eventToRedisMillis").getCount()).as("one latency sample per event").isEqualTo(3);
    assertThat(metrics.histogram("batchSize").getStatistics().getMax()).isEqualTo(1);
  }

  @Test
  void refusesAnOlderVersionSoAReplayNeverMovesAProfileBack() throws Exception {
    writer.write(profile("alice", 5, "tier:high", "90000"), null);
    writer.flush(false);
    writer.write(profile("alice", 3, "tier:normal", "20000"), null);
    writer.flush(false);
    writer.write(profile("alice", 5, "tier:normal", "20000"), null);
    writer.flush(false);

    assertThat(redis.hget(keys.profile("alice"), "v")).isEqualTo("5");
    assertThat(redis.hget(keys.profile("alice"), "spend_minor")).isEqualTo("90000");
    assertThat(redis.smembers(keys.segment("tier:high"))).containsExactly("alice");
    assertThat(redis.exists(keys.segment("tier:normal"))).isFalse();
    assertThat(metrics.count("staleWritesRefused")).isEqualTo(2);
  }

  @Test
  void movesTheCustomerBetweenSegmentSets() throws Exception {
    writer.write(profile("alice", 1, "tier:new", "0"), null);
    writer.flush(false);
    writer.write(profile("alice", 2, "tier:normal", "1000"), null);
    writer.flush(false);
    writer.write(profile("alice", 3, "tier:high", "100000"), null);
    writer.flush(false);

    assertThat(redis.exists(keys.segment("tier:new"))).isFalse();
    assertThat(redis.exists(keys.segment("tier:normal"))).isFalse();
    assertThat(redis.smembers(keys.segment("tier:high"))).containsExactly("alice");
    assertThat(redis.hget(keys.profile("alice"), "segments_synced")).isEqualTo("tier:high");
  }

  @Test
  void segmentSetsAreOnlyTouchedWhenSegmentsChange() throws Exception {
    writer.write(profile("alice", 1, "tier:new", "0"), null);
    writer.flush(false);
    // Someone else's write to the set shows whether the writer touches it again.
    redis.srem(keys.segment("tier:new"), "alice");

    writer.write(profile("alice", 2, "tier:new", "5"), null);
    writer.flush(false);

    assertThat(redis.hget(keys.profile("alice"), "spend_minor")).isEqualTo("5");
    assertThat(redis.exists(keys.segment("tier:new"))).isFalse();
  }

  @Test
  void theRedisStateDoesNotDependOnHowUpdatesWereBatched() throws Exception {
    writer.write(profile("alice", 1, "tier:new", "0"), null);
    writer.write(profile("alice", 2, "tier:normal", "100"), null);
    writer.flush(false);
    RedisKeys otherKeys = new RedisKeys(keys.prefix() + "b");
    RedisProfileWriter<TestProfile> oneByOne = new RedisProfileWriter<>(settings, otherKeys, new RedisSinkOptions(100, 50, java.time.Duration.ofSeconds(3), 1_000),
        new TestMapper(), time, new RecordingMetrics());
    try {
      oneByOne.write(profile("alice", 1, "tier:new", "0"), null);
      oneByOne.flush(false);
      oneByOne.write(profile("alice", 2, "tier:normal", "100"), null);
      oneByOne.flush(false);
    } finally {
      oneByOne.close();
    }

    assertThat(redis.hgetAll(otherKeys.profile("alice"))).isEqualTo(redis.hgetAll(keys.profile("alice")));
    assertThat(redis.smembers(otherKeys.segment("tier:normal"))).isEqualTo(redis.smembers(keys.segment("tier:normal")));
    assertThat(redis.exists(otherKeys.segment("tier:new"), keys.segment("tier:new"))).isZero();
  }

  @Test
  void aReplayRepairsSegmentSetsLeftBehindByACrashBetweenTheTwoSteps() throws Exception {
    writer.write(profile("alice", 1, "tier:normal", "1000"), null);
    writer.flush(false);
    // A crash after the hash upsert of version 2 but before its set changes.
    String sha = redis.scriptLoad(ProfileBatchWriter.UPSERT_SCRIPT);
    redis.evalsha(sha.getBytes(StandardCharsets.UTF_8), List.of(keys.profile("alice").getBytes(StandardCharsets.UTF_8)),
        List.of(bytes("2"), bytes("0"), bytes("tier:high"), packed("spend_minor", "100000")));
    assertThat(redis.smembers(keys.segment("tier:normal"))).containsExactly("alice");

    // After restart the job replays version 2; the hash refuses it, the sets are put right.
    writer.write(profile("alice", 2, "tier:high", "100000"), null);
    writer.flush(false);

    assertThat(redis.exists(keys.segment("tier:normal"))).isFalse();
    assertThat(redis.smembers(keys.segment("tier:high"))).containsExactly("alice");
  }

  @Test
  void aLaterVersionCoalescedOverTheLostOneStillRepairsTheSets() throws Exception {
    writer.write(profile("alice", 1, "tier:normal", "1000"), null);
    writer.flush(false);
    String sha = redis.scriptLoad(ProfileBatchWriter.UPSERT_SCRIPT);
    redis.evalsha(sha.getBytes(StandardCharsets.UTF_8), List.of(keys.profile("alice").getBytes(StandardCharsets.UTF_8)),
        List.of(bytes("2"), bytes("0"), bytes("tier:high"), packed("spend_minor", "100000")));

    writer.write(profile("alice", 3, "tier:high", "120000"), null);
    writer.flush(false);

    assertThat(redis.exists(keys.segment("tier:normal"))).isFalse();
    assertThat(redis.smembers(keys.segment("tier:high"))).containsExactly("alice");
    assertThat(redis.hget(keys.profile("alice"), "v")).isEqualTo("3");
  }

  @Test
  void aDeletionRemovesTheProfileAndItsSegmentMemberships() throws Exception {
    writer.write(profile("alice", 1, "tier:vip", "300000"), null);
    writer.write(profile("bob", 1, "tier:vip", "300000"), null);
    writer.flush(false);

    writer.write(new TestProfile("alice", 2, List.of(), Map.of(), 0, true), null);
    writer.flush(false);

    assertThat(redis.exists(keys.profile("alice"))).isFalse();
    assertThat(redis.smembers(keys.segment("tier:vip"))).containsExactly("bob");
  }

  @Test
  void aStaleDeletionIsRefusedAndAReturningCustomerComesBack() throws Exception {
    writer.write(profile("alice", 5, "tier:new", "0"), null);
    writer.flush(false);
    writer.write(new TestProfile("alice", 3, List.of(), Map.of(), 0, true), null);
    writer.flush(false);
    assertThat(redis.hget(keys.profile("alice"), "v")).isEqualTo("5");

    writer.write(new TestProfile("alice", 6, List.of(), Map.of(), 0, true), null);
    writer.flush(false);
    writer.write(profile("alice", 7, "tier:normal", "10"), null);
    writer.flush(false);
    assertThat(redis.hget(keys.profile("alice"), "v")).isEqualTo("7");
    assertThat(redis.smembers(keys.segment("tier:normal"))).containsExactly("alice");
    assertThat(redis.exists(keys.segment("tier:new"))).isFalse();
  }

  @Test
  void updatesNoInputCausedAreLeftOutOfTheLatency() throws Exception {
    writer.write(new TestProfile("alice", 1, List.of("tier:new"), Map.of(), 0), null);
    writer.write(profile("bob", 1, "tier:new", "0"), null);
    writer.flush(false);
    assertThat(metrics.histogram("eventToRedisMillis").getCount()).isEqualTo(1);
  }

  @Test
  void aFollowUpWriteSendsOnlyTheFieldsThatChanged() throws Exception {
    writer.write(profile("alice", 1, "tier:new", "0"), null);
    writer.flush(false);
    // Tamper with a field the next update leaves unchanged: if the writer resent it, it would be repaired.
    redis.hset(keys.profile("alice"), "customer_id", "tampered");

    writer.write(profile("alice", 2, "tier:new", "500"), null);
    writer.flush(false);

    assertThat(redis.hget(keys.profile("alice"), "spend_minor")).isEqualTo("500");
    assertThat(redis.hget(keys.profile("alice"), "customer_id")).isEqualTo("tampered");
    assertThat(redis.hget(keys.profile("alice"), "v")).isEqualTo("2");
    assertThat(metrics.count("unchangedFieldsSkipped")).isEqualTo(1);

    writer.write(new TestProfile("alice", 3, List.of("tier:new"), Map.of("spend_minor", ""), 0), null);
    writer.flush(false);
    assertThat(redis.hget(keys.profile("alice"), "spend_minor")).as("an empty value is set, not skipped").isEmpty();

    // Nothing but the version changed: the write carries no fields at all and still moves v on.
    writer.write(new TestProfile("alice", 4, List.of("tier:new"), Map.of("customer_id", "alice", "spend_minor", ""), 0), null);
    writer.flush(false);
    long skippedBefore = metrics.count("unchangedFieldsSkipped");
    writer.write(new TestProfile("alice", 5, List.of("tier:new"), Map.of("customer_id", "alice", "spend_minor", ""), 0), null);
    writer.flush(false);
    assertThat(metrics.count("unchangedFieldsSkipped") - skippedBefore).as("every field unchanged").isEqualTo(2);
    assertThat(redis.hget(keys.profile("alice"), "v")).isEqualTo("5");
    assertThat(redis.hget(keys.profile("alice"), "spend_minor")).isEmpty();
  }

  @Test
  void aHashSomeoneElseMovedIsWrittenInFull() throws Exception {
    writer.write(profile("alice", 1, "tier:new", "0"), null);
    writer.flush(false);
    RedisProfileWriter<TestProfile> other = newWriter(new RedisSinkOptions(100, 50, java.time.Duration.ofSeconds(3), 1_000));
    try {
      other.write(new TestProfile("alice", 2, List.of("tier:new"), Map.of("customer_id", "other"), 0), null);
      other.flush(false);
    } finally {
      other.close();
    }

    writer.write(profile("alice", 3, "tier:normal", "900"), null);
    writer.flush(false);

    assertThat(redis.hgetAll(keys.profile("alice"))).containsEntry("v", "3").containsEntry("customer_id", "alice")
        .containsEntry("spend_minor", "900");
    assertThat(redis.smembers(keys.segment("tier:normal"))).containsExactly("alice");
  }

  @Test
  void aRefusedWriteForgetsWhatItRememberedSoTheNextIsFull() throws Exception {
    writer.write(profile("alice", 5, "tier:new", "0"), null);
    writer.flush(false);
    writer.write(profile("alice", 3, "tier:new", "0"), null);
    writer.flush(false);
    redis.hset(keys.profile("alice"), "customer_id", "tampered");

    writer.write(profile("alice", 6, "tier:new", "0"), null);
    writer.flush(false);

    assertThat(redis.hget(keys.profile("alice"), "customer_id")).isEqualTo("alice");
  }

  @Test
  void withoutMemoryEveryWriteIsFull() throws Exception {
    RedisProfileWriter<TestProfile> forgetful = newWriter(new RedisSinkOptions(100, 50, java.time.Duration.ofSeconds(3), 0));
    try {
      forgetful.write(profile("alice", 1, "tier:new", "0"), null);
      forgetful.flush(false);
      redis.hset(keys.profile("alice"), "customer_id", "tampered");
      forgetful.write(profile("alice", 2, "tier:new", "0"), null);
      forgetful.flush(false);
    } finally {
      forgetful.close();
    }
    assertThat(redis.hget(keys.profile("alice"), "customer_id")).isEqualTo("alice");
  }

  @Test
  void decimalsAreWrittenWithFourPlacesWithoutStringFormat() {
    FieldValues values = new FieldValues(5);
    values.setDecimal(0, 0.72657);
    values.setDecimal(1, -0.00004);
    values.setDecimal(2, 12.5);
    values.setDecimal(3, Double.NaN);
    values.setLong(4, -42);
    assertThat(new String[] {values.text(0), values.text(1), values.text(2), values.text(3), values.text(4)})
        .containsExactly("0.7266", "0.0000", "12.5000", "", "-42");
    assertThat(FieldValues.decimal(-1_234, 3)).isEqualTo("-1.234");
    assertThat(FieldValues.decimal(5, 3)).isEqualTo("0.005");
  }

  @Test
  void flushesWhenTheLingerTimerFires() throws Exception {
    writer.write(profile("alice", 1, "tier:new", "0"), null);
    assertThat(redis.exists(keys.profile("alice"))).isFalse();

    time.setCurrentTime(time.getCurrentProcessingTime() + 50);

    awaitKeys(1, keys.profile("alice"));
    assertThat(redis.hget(keys.profile("alice"), "v")).isEqualTo("1");
  }

  @Test
  void flushesWhenTheBatchIsFull() throws Exception {
    RedisProfileWriter<TestProfile> small = newWriter(new RedisSinkOptions(2, 60_000, java.time.Duration.ofSeconds(3), 1_000));
    try {
      small.write(profile("alice", 1, "tier:new", "0"), null);
      small.write(profile("alice", 2, "tier:new", "0"), null);
      assertThat(redis.exists(keys.profile("alice"))).as("one distinct customer is not a full batch").isFalse();
      small.write(profile("bob", 1, "tier:new", "0"), null);
      awaitKeys(2, keys.profile("alice"), keys.profile("bob"));
    } finally {
      small.close();
    }
  }

  @Test
  void reloadsTheScriptWhenRedisLostIt() throws Exception {
    writer.write(profile("alice", 1, "tier:new", "0"), null);
    writer.flush(false);
    redis.scriptFlush();

    writer.write(profile("alice", 2, "tier:normal", "10"), null);
    writer.flush(false);

    assertThat(redis.hget(keys.profile("alice"), "v")).isEqualTo("2");
  }

  /** Batches are written by the writer's I/O thread: wait (bounded) until they are visible. */
  private void awaitKeys(long count, String... profileKeys) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (redis.exists(profileKeys) < count) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("expected " + count + " of " + String.join(", ", profileKeys) + " in Redis");
      }
      Thread.sleep(10);
    }
  }

  @Test
  void aCheckpointFlushWaitsForEveryBatchInFlight() throws Exception {
    RedisProfileWriter<TestProfile> small = newWriter(new RedisSinkOptions(1, 60_000, java.time.Duration.ofSeconds(3), 1_000));
    try {
      for (int i = 0; i < 500; i++) {
        small.write(profile("c" + i, 1, "tier:new", "0"), null);
      }
      small.flush(false);
      for (int i = 0; i < 500; i++) {
        assertThat(redis.exists(keys.profile("c" + i))).as("c%d", i).isTrue();
      }
    } finally {
      small.close();
    }
  }

  @Test
  void aRedisOutageLongerThanTheToleranceFailsTheWriterWithOneLine() throws Exception {
    RedisSettings nowhere = new RedisSettings(List.of(new redis.clients.jedis.HostAndPort("127.0.0.1", 1)), null, null, false, 0, 500, false);
    RedisProfileWriter<TestProfile> broken = new RedisProfileWriter<>(nowhere, keys, new RedisSinkOptions(100, 50, java.time.Duration.ofSeconds(1), 10),
        new TestMapper(), time, metrics);
    try {
      broken.write(profile("alice", 1, "tier:new", "0"), null);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> broken.flush(false))
          .isInstanceOf(java.io.IOException.class)
          .hasMessageStartingWith("Redis at redis://127.0.0.1:1 has been unavailable for 1 s, longer than"
              + " pulse.redis.outage-tolerance (1 s); last error (connection lost): ");
    } finally {
      broken.close();
    }
  }

  /** A metric group that keeps what is registered, so tests can read counters and histograms. */
  static final class RecordingMetrics extends UnregisteredMetricsGroup {
    private final Map<String, Metric> metrics = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public MetricGroup addGroup(String name) {
      return this;
    }

    @Override
    public Counter counter(String name) {
      return counter(name, new org.apache.flink.metrics.SimpleCounter());
    }

    @Override
    public <C extends Counter> C counter(String name, C counter) {
      metrics.merge(name, counter, (a, b) -> a);
      return counter;
    }

    @Override
    public <H extends Histogram> H histogram(String name, H histogram) {
      metrics.put(name, histogram);
      return histogram;
    }

    long count(String name) {
      return ((Counter) metrics.get(name)).getCount();
    }

    Histogram histogram(String name) {
      return (Histogram) metrics.get(name);
    }
  }


  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Fields as the upsert script takes them: MessagePack strings, name then value. */
  private static byte[] packed(String... namesAndValues) {
    ValueBytes out = new ValueBytes(16);
    for (String text : namesAndValues) {
      byte[] raw = bytes(text);
      out.appendPacked(raw, 0, raw.length);
    }
    return out.toByteArray();
  }
}
