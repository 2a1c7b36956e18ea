package dev.customerpulse.it;

import static dev.customerpulse.it.ItEvents.paid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.connectors.redis.RedisSettings;
import dev.customerpulse.job.JobLauncher;
import dev.customerpulse.job.PulseOptions;
import dev.customerpulse.localstack.RedisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis down for longer than 30 s while events flow, with restarts disabled: the job stays RUNNING
 * throughout (the writers wait with backoff, the job is back-pressured), and once Redis is back with
 * its data, Redis and the segment changes equal those of a run that never saw an outage (the
 * reference runs beside it on the shared Redis, on the same input). One input topic and all events
 * within an hour of event time, so no timer fires and every version is decided by the input alone.
 */
class RedisOutageIT {
  private static final int CUSTOMERS = 20;
  private static final int LATE_CUSTOMERS = 5;
  private static final int ORDERS_EACH = 6;
  private static final Duration OUTAGE = Duration.ofSeconds(32);

  /** Orders of rounds [from, to): each customer once per round; the late customers only from round 3 on. */
  private static List<OrderEvent> orders(int from, int to) {
    List<OrderEvent> events = new ArrayList<>();
    for (int n = from; n < to; n++) {
      for (int c = 0; c < CUSTOMERS + LATE_CUSTOMERS; c++) {
        if (c >= CUSTOMERS && n < 3) {
          continue;
        }
        events.add(paid("o-" + c + "-" + n, "c" + c, 1_000L + n * 60_000L + c, 1_000L * (c + 1) * (n + 1)));
      }
    }
    return events;
  }

  private static Map<String, Integer> versions(int rounds) {
    Map<String, Integer> versions = new LinkedHashMap<>();
    for (int c = 0; c < CUSTOMERS + LATE_CUSTOMERS; c++) {
      versions.put("c" + c, c >= CUSTOMERS ? Math.max(0, rounds - 3) : rounds);
    }
    versions.values().removeIf(v -> v == 0);
    return versions;
  }

  private static JobClient start(PulseTestStack it, String redisUrl) throws Exception {
    Configuration conf = it.jobConfiguration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    conf.set(PulseOptions.REDIS_URL, redisUrl);
    conf.set(PulseOptions.REDIS_OUTAGE_TOLERANCE, Duration.ofMinutes(2));
    return JobLauncher.start(conf, "customer-pulse-redis-outage-it");
  }

  private static void send(PulseTestStack it, List<OrderEvent> orders) {
    for (OrderEvent order : orders) {
      it.sendAsync(it.topics.orders(), order.getCustomerId(), order);
    }
    it.flush();
  }

  private static Map<String, List<String>> segmentChanges(PulseTestStack it) throws Exception {
    Map<String, List<String>> changes = new TreeMap<>();
    for (ConsumerRecord<byte[], SegmentChange> record : it.readCommitted(it.topics.segmentChanges(), SegmentChange.class)) {
      changes.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
          .add(record.value().getChangeId() + " " + record.value().getReason());
    }
    return changes;
  }

  @Test
  @Timeout(150)
  void aRedisDownForMoreThanThirtySecondsIsRiddenOutWithNoRestartAndNoLoss() throws Exception {
    try (PulseTestStack reference = new PulseTestStack(); PulseTestStack it = new PulseTestStack();
        RedisServer redis = RedisServer.start(Files.createTempDirectory("pulse-redis-outage-"))) {
      UnifiedJedis dedicated = RedisSettings.parse(redis.url()).connect();
      JobClient referenceJob = start(reference, reference.stack.redisUrl());
      JobClient job = start(it, redis.url());
      send(reference, orders(0, ORDERS_EACH));
      send(it, orders(0, 3));
      RedisContents.awaitVersions(dedicated, it.redisPrefix, versions(3), 60);

      redis.stop(true);
      long stopped = System.nanoTime();
      send(it, orders(3, ORDERS_EACH));
      List<JobStatus> seen = new ArrayList<>();
      while (System.nanoTime() - stopped < OUTAGE.toNanos()) {
        JobStatus status = job.getJobStatus().get();
        if (seen.isEmpty() || seen.get(seen.size() - 1) != status) {
          seen.add(status);
        }
        Thread.sleep(500);
      }
      redis.restart();
      dedicated.close();
      dedicated = RedisSettings.parse(redis.url()).connect();
      RedisContents.awaitVersions(dedicated, it.redisPrefix, versions(ORDERS_EACH), 60);
      assertThat(seen).as("the job's status all through the outage").containsExactly(JobStatus.RUNNING);
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);

      RedisContents.awaitVersions(reference.redis(), reference.redisPrefix, versions(ORDERS_EACH), 60);
      reference.stopWithSavepoint(referenceJob);
      it.stopWithSavepoint(job);
      Map<String, Object> expected = RedisContents.of(reference.redis(), reference.redisPrefix);
      Map<String, Object> actual = RedisContents.of(dedicated, it.redisPrefix);
      assertThat(actual.keySet()).isEqualTo(expected.keySet());
      assertThat(actual).isEqualTo(expected);
      assertThat(expected).containsKey(":profile:{c24}").containsKey(":rank:churn-risk");
      assertThat(segmentChanges(it)).isEqualTo(segmentChanges(reference)).hasSize(CUSTOMERS + LATE_CUSTOMERS);
      dedicated.close();
    }
  }
}
