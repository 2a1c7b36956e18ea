package dev.customerpulse.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.localstack.LocalStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/** Appends to a real Redis stream: once per id, in order, replays adding nothing. */
class RedisStreamSinkTest {
  private static final long DAY = 86_400_000L;
  private final RedisKeys keys = new RedisKeys("s" + UUID.randomUUID().toString().substring(0, 8));
  private final RedisSettings settings = RedisSettings.parse(LocalStack.shared().redisUrl());

  record Alert(String id, long time, String customer, boolean purge) {
    Alert(String id, long time, String customer) {
      this(id, time, customer, false);
    }

    static Alert purgeOf(String customer) {
      return new Alert(null, 0, customer, true);
    }
  }

  static final class AlertMapper implements RedisStreamMapper<Alert> {
    @Override
    public String owner(Alert alert) {
      return alert.customer();
    }

    @Override
    public boolean purge(Alert alert) {
      return alert.purge();
    }

    @Override
    public String id(Alert alert) {
      return alert.id();
    }

    @Override
    public long eventTimeMillis(Alert alert) {
      return alert.time();
    }

    @Override
    public List<String> fields(Alert alert) {
      return List.of("alert_id", alert.id(), "customer_id", alert.customer());
    }
  }

  private RedisStreamSink<Alert> sink(long maxLength) {
    return new RedisStreamSink<>(settings, keys.churnAlerts(), keys.churnAlertIds(), maxLength, Duration.ofDays(30), Duration.ofSeconds(3),
        new AlertMapper());
  }

  private List<String> ids(UnifiedJedis redis) {
    return redis.xrange(keys.churnAlerts(), (StreamEntryID) null, (StreamEntryID) null).stream()
        .map(StreamEntry::getFields).map(f -> f.get("alert_id")).toList();
  }

  @Test
  void appendsEachIdOnceInOrderAndAReplayAddsNothing() throws Exception {
    SimpleCounter appended = new SimpleCounter();
    var writer = sink(1_000).writer(appended);
    writer.write(new Alert("ann/3", 10 * DAY, "ann"), null);
    writer.write(new Alert("bob/7", 11 * DAY, "bob"), null);
    writer.flush(false);
    // A restart replays both, then goes on.
    var replay = sink(1_000).writer(appended);
    replay.write(new Alert("ann/3", 10 * DAY, "ann"), null);
    replay.write(new Alert("bob/7", 11 * DAY, "bob"), null);
    replay.write(new Alert("ann/9", 12 * DAY, "ann"), null);
    replay.flush(false);
    writer.close();
    replay.close();

    try (UnifiedJedis redis = settings.connect()) {
      assertThat(ids(redis)).containsExactly("ann/3", "bob/7", "ann/9");
      assertThat(redis.xrange(keys.churnAlerts(), (StreamEntryID) null, (StreamEntryID) null).get(1).getFields())
          .isEqualTo(Map.of("alert_id", "bob/7", "customer_id", "bob"));
      assertThat(redis.zrange(keys.churnAlertIds(), 0, -1)).containsExactly("ann/3", "bob/7", "ann/9");
    }
    assertThat(appended.getCount()).isEqualTo(3);
  }

  @Test
  void aPurgeDeletesEveryEntryOfItsOwnerAndNothingElseAndAReplayOfItIsHarmless() throws Exception {
    SimpleCounter appended = new SimpleCounter();
    var writer = sink(1_000).writer(appended);
    writer.write(new Alert("ann/3", 10 * DAY, "ann"), null);
    writer.write(new Alert("bob/7", 11 * DAY, "bob"), null);
    writer.write(new Alert("ann/9", 12 * DAY, "ann"), null);
    writer.write(Alert.purgeOf("ann"), null);
    writer.flush(false);
    try (UnifiedJedis redis = settings.connect()) {
      assertThat(ids(redis)).containsExactly("bob/7");
      assertThat(redis.zrange(keys.churnAlertIds(), 0, -1)).containsExactly("bob/7");
      assertThat(redis.exists(keys.churnAlerts() + ":by:ann")).isFalse();
      assertThat(redis.zrange(keys.churnAlerts() + ":by:bob", 0, -1)).singleElement().asString().endsWith(" bob/7");
      assertThat(redis.pttl(keys.churnAlerts() + ":by:bob")).isPositive();
    }
    // A restart replays the same four records: the purge runs again after the replayed appends.
    var replay = sink(1_000).writer(appended);
    replay.write(new Alert("ann/3", 10 * DAY, "ann"), null);
    replay.write(new Alert("bob/7", 11 * DAY, "bob"), null);
    replay.write(new Alert("ann/9", 12 * DAY, "ann"), null);
    replay.write(Alert.purgeOf("ann"), null);
    replay.flush(false);
    writer.close();
    replay.close();
    try (UnifiedJedis redis = settings.connect()) {
      assertThat(ids(redis)).containsExactly("bob/7");
      assertThat(redis.zrange(keys.churnAlertIds(), 0, -1)).containsExactly("bob/7");
      assertThat(redis.exists(keys.churnAlerts() + ":by:ann")).isFalse();
    }
    assertThat(appended.getCount()).isEqualTo(5);
  }

  @Test
  void idsOlderThanTheRetentionAreForgotten() throws Exception {
    var writer = sink(1).writer(new SimpleCounter());
    writer.write(new Alert("old", DAY, "ann"), null);
    writer.write(new Alert("new", 40 * DAY, "bob"), null);
    writer.flush(false);
    writer.close();
    try (UnifiedJedis redis = settings.connect()) {
      assertThat(redis.zrange(keys.churnAlertIds(), 0, -1)).as("30 days of ids").containsExactly("new");
    }
  }
}
