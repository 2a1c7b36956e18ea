package dev.customerpulse.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.localstack.LocalStack;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

/** Refill writes against real Redis: in full, over the same version, with their sets and ranking, and counted. */
@Timeout(60)
class RedisRefillWritesTest {
  private final RedisSettings settings = RedisSettings.parse(LocalStack.shared().redisUrl());
  private final RedisKeys keys = new RedisKeys("r" + UUID.randomUUID().toString().substring(0, 8));
  private final RedisProfileWriterTest.RecordingMetrics metrics = new RedisProfileWriterTest.RecordingMetrics();
  private UnifiedJedis redis;
  private RedisProfileWriter<RefillProfile> writer;

  @BeforeEach
  void open() throws Exception {
    redis = settings.connect();
    writer = new RedisProfileWriter<>(settings, keys, new RedisSinkOptions(100, 60_000, java.time.Duration.ofSeconds(5), 100),
        new RefillProfile.Mapper(), new TestProcessingTimeService(), metrics);
  }

  @AfterEach
  void close() throws Exception {
    writer.close();
    redis.close();
  }

  @Test
  void aRedisThatLostEverythingIsWrittenInFullWithSetsAndRankingThoughTheWriterRemembersTheProfiles() throws Exception {
    writer.write(new RefillProfile("alice", 4, List.of("tier:vip", "lifecycle:active"), "9000", 0.125, false), null);
    writer.flush(false);
    Map<String, String> before = redis.hgetAll(keys.profile("alice"));
    for (String key : redis.keys(keys.prefix() + ":*")) {
      redis.del(key);
    }

    writer.write(new RefillProfile("alice", 4, List.of("tier:vip", "lifecycle:active"), "9000", 0.125, true), null);
    writer.flush(false);

    assertThat(redis.hgetAll(keys.profile("alice"))).isEqualTo(before);
    assertThat(redis.smembers(keys.segment("tier:vip"))).containsExactly("alice");
    assertThat(redis.smembers(keys.segment("lifecycle:active"))).containsExactly("alice");
    assertThat(redis.zscore(keys.churnRisk(), "alice")).isEqualTo(0.125);
    assertThat(redis.get(keys.refilled())).isEqualTo("1");
  }

  @Test
  void aRefillRewritesTheSameVersionRepairsItsSetsAndNeverMovesANewerProfileBack() throws Exception {
    writer.write(new RefillProfile("alice", 4, List.of("tier:vip"), "9000", 0.125, false), null);
    writer.write(new RefillProfile("bob", 6, List.of("tier:new"), "0", 0.5, false), null);
    writer.flush(false);
    redis.hset(keys.profile("alice"), "spend_minor", "garbled");
    redis.srem(keys.segment("tier:vip"), "alice");

    writer.write(new RefillProfile("alice", 4, List.of("tier:vip"), "9000", 0.125, true), null);
    writer.write(new RefillProfile("bob", 5, List.of("tier:normal"), "100", 0.75, true), null);
    writer.flush(false);

    assertThat(redis.hget(keys.profile("alice"), "spend_minor")).isEqualTo("9000");
    assertThat(redis.smembers(keys.segment("tier:vip"))).containsExactly("alice");
    assertThat(redis.hgetAll(keys.profile("bob"))).containsEntry("v", "6").containsEntry("spend_minor", "0");
    assertThat(redis.smembers(keys.segment("tier:new"))).containsExactly("bob");
    assertThat(redis.exists(keys.segment("tier:normal"))).isFalse();
    assertThat(redis.zscore(keys.churnRisk(), "bob")).isEqualTo(0.5);
    assertThat(redis.get(keys.refilled())).as("both settled, the stale one too").isEqualTo("2");
  }

  @Test
  void aRefillReplacedByALaterUpdateInTheSameBatchStillCountsAsSettled() throws Exception {
    writer.write(new RefillProfile("alice", 4, List.of("tier:vip"), "9000", 0.125, true), null);
    writer.write(new RefillProfile("alice", 5, List.of("tier:vip"), "9500", 0.125, false), null);
    writer.flush(false);
    assertThat(redis.hget(keys.profile("alice"), "v")).isEqualTo("5");
    assertThat(redis.get(keys.refilled())).isEqualTo("1");
  }

  @Test
  void theGenerationMarkerIsCreatedOnceAndARebuildBumpsIt() {
    try (RedisGeneration generation = new RedisGeneration(settings, keys)) {
      RedisGeneration.Marker first = generation.observe();
      assertThat(first.created()).isTrue();
      assertThat(generation.observe()).isEqualTo(new RedisGeneration.Marker(first.token(), false));
      String bumped = generation.bump();
      assertThat(bumped).isNotEqualTo(first.token());
      assertThat(generation.observe()).isEqualTo(new RedisGeneration.Marker(bumped, false));
      generation.reportRefill(bumped, 1, 2, 40);
      generation.reportRefill(bumped, 0, 2, 2);
      assertThat(generation.refillReports(bumped)).containsOnlyKeys(0, 1);
      assertThat(generation.refillReports(bumped).get(1)).containsExactly(40, 2);
      assertThat(generation.refilled()).isZero();
      assertThat(redis.ttl(keys.refillReport(bumped))).isPositive();
      assertThat(keys.generation()).isEqualTo(keys.prefix() + ":{meta}:generation");
    }
  }
}
