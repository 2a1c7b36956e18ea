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

  record Alert(String id, long time, String customer) {}

  static final class AlertMapper implements RedisStreamMapper<Alert> {
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
    return new RedisStreamSink<>(settings, keys.churnAlerts(), keys.churnAlertIds(), maxLength, Duration.ofDays(30), 3,
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
