package dev.customerpulse.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.localstack.LocalStack;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * The consent sets and the restricted hash of a customer kept without profiling consent, written by
 * the Redis writer to a real redis-server.
 */
class RedisConsentSetsTest {
  private final RedisKeys keys = new RedisKeys("t" + UUID.randomUUID().toString().substring(0, 8));
  private RedisSettings settings;
  private UnifiedJedis redis;
  private RedisProfileWriter<Profile> writer;

  record Profile(String id, long version, List<String> segments, List<String> consents, String spend, boolean restricted,
      boolean deleted) {}

  static final class ConsentMapper implements RedisProfileMapper<Profile> {
    @Override public String customerId(Profile p) { return p.id(); }
    @Override public long version(Profile p) { return p.version(); }
    @Override public List<String> segments(Profile p) { return p.segments(); }
    @Override public List<String> fieldNames() { return List.of("customer_id", "spend_minor", "consents"); }
    @Override public void values(Profile p, FieldValues out) {
      out.setText(0, p.id());
      out.setText(1, p.spend());
      out.setText(2, String.join(",", p.consents()));
    }
    @Override public long sourceTimestampMillis(Profile p) { return 0; }
    @Override public List<String> consents(Profile p) { return p.consents(); }
    @Override public boolean restricted(Profile p) { return p.restricted(); }
    @Override public List<String> restrictedFieldNames() { return List.of("customer_id", "consents"); }
    @Override public boolean deleted(Profile p) { return p.deleted(); }
    @Override public double rank(Profile p) { return 0.5; }
  }

  @BeforeEach
  void open() {
    settings = RedisSettings.parse(LocalStack.shared().redisUrl());
    redis = settings.connect();
    writer = new RedisProfileWriter<>(settings, keys, new RedisSinkOptions(100, 50, java.time.Duration.ofSeconds(3), 1_000), new ConsentMapper(),
        new TestProcessingTimeService(), UnregisteredMetricsGroup.createSinkWriterMetricGroup());
  }

  @AfterEach
  void close() throws Exception {
    writer.close();
    redis.close();
  }

  private void write(Profile profile) throws Exception {
    writer.write(profile, null);
    writer.flush(false);
  }

  private static Profile profiled(long version, List<String> consents, String spend) {
    return new Profile("alice", version, List.of("tier:normal"), consents, spend, false, false);
  }

  @Test
  void theConsentSetsFollowGrantsWithdrawalsRestrictionAndDeletion() throws Exception {
    write(profiled(1, List.of("marketing_email", "profiling"), "6000"));
    assertThat(redis.smembers(keys.consent("marketing_email"))).containsExactly("alice");
    assertThat(redis.smembers(keys.consent("profiling"))).containsExactly("alice");
    assertThat(redis.hget(keys.profile("alice"), "consents_synced")).isEqualTo("marketing_email,profiling");
    assertThat(keys.consent("profiling")).isEqualTo(keys.prefix() + ":consent:profiling");

    write(profiled(2, List.of("profiling"), "6000"));
    assertThat(redis.exists(keys.consent("marketing_email"))).as("withdrawn: out of the set").isFalse();
    assertThat(redis.smembers(keys.consent("profiling"))).containsExactly("alice");

    write(new Profile("alice", 3, List.of(), List.of("marketing_sms"), "", true, false));
    assertThat(redis.hgetAll(keys.profile("alice"))).as("restricted: only who and what they decided").isEqualTo(Map.of(
        "v", "3", "segments", "", "segments_synced", "", "customer_id", "alice", "consents", "marketing_sms",
        "consents_synced", "marketing_sms"));
    assertThat(redis.exists(keys.segment("tier:normal"))).isFalse();
    assertThat(redis.exists(keys.churnRisk())).as("out of the ranking").isFalse();
    assertThat(redis.exists(keys.consent("profiling"))).isFalse();
    assertThat(redis.smembers(keys.consent("marketing_sms"))).containsExactly("alice");

    write(new Profile("alice", 3, List.of("tier:vip"), List.of("profiling"), "9", false, false));
    assertThat(redis.hget(keys.profile("alice"), "v")).as("a replay is refused").isEqualTo("3");
    assertThat(redis.exists(keys.consent("profiling"))).isFalse();

    write(profiled(4, List.of("marketing_sms", "profiling"), "6000"));
    assertThat(redis.hgetAll(keys.profile("alice"))).as("back in full, not diffed against the restricted hash")
        .containsEntry("spend_minor", "6000").containsEntry("segments_synced", "tier:normal");
    assertThat(redis.smembers(keys.segment("tier:normal"))).containsExactly("alice");
    assertThat(redis.zscore(keys.churnRisk(), "alice")).isEqualTo(0.5);

    write(new Profile("alice", 5, List.of(), List.of(), "", false, true));
    assertThat(redis.exists(keys.profile("alice"))).isFalse();
    assertThat(redis.exists(keys.consent("marketing_sms"))).as("a deleted customer leaves the consent sets").isFalse();
    assertThat(redis.exists(keys.consent("profiling"))).isFalse();
    assertThat(redis.exists(keys.segment("tier:normal"))).isFalse();
  }

  @Test
  void aWriteThatFoundTheConsentSetsBehindPutsThemRight() throws Exception {
    write(profiled(1, List.of("marketing_push"), "1"));
    // As after a crash between the upsert and the set changes: the hash says the sets are not synced.
    redis.hset(keys.profile("alice"), "consents_synced", "");
    redis.srem(keys.consent("marketing_push"), "alice");

    write(profiled(1, List.of("marketing_push"), "1"));
    assertThat(redis.smembers(keys.consent("marketing_push"))).as("the refused replay repaired the set").containsExactly("alice");
    assertThat(redis.hget(keys.profile("alice"), "consents_synced")).isEqualTo("marketing_push");
  }
}
