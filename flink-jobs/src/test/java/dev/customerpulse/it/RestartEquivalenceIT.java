package dev.customerpulse.it;

import static dev.customerpulse.it.ItEvents.paid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.OrderEvent;
import dev.customerpulse.avro.OrderStatus;
import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.job.JobLauncher;
import dev.customerpulse.job.LocalRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A job cancelled mid-stream and restored from its last retained checkpoint (as after a crash:
 * Kafka transactions since then aborted, Redis writes replayed) ends with exactly the Redis
 * profiles, segment sets and segment-change records of a run that was never interrupted.
 * One input topic, so each customer's events have one order; all within an hour of event time,
 * so no timer fires and every version is decided by the input alone.
 */
class RestartEquivalenceIT {
  private static final int CUSTOMERS = 24;
  private static final int ORDERS_EACH = 8;

  private static List<OrderEvent> input() {
    List<OrderEvent> events = new ArrayList<>();
    for (int n = 0; n < ORDERS_EACH; n++) {
      for (int c = 0; c < CUSTOMERS; c++) {
        String id = "o-" + c + "-" + n;
        long time = 1_000L + n * 60_000L + c;
        OrderEvent order = paid(id, "c" + c, time, 1_000L * (c + 1) * (n + 1));
        if (n == 5 && c % 3 == 0) {
          order.setStatus(OrderStatus.REFUNDED);
          order.setAmountMinor(500L);
        }
        events.add(order);
      }
    }
    return events;
  }

  private static JobClient start(PulseTestStack it, Path restoreFrom) throws Exception {
    Configuration conf = it.jobConfiguration();
    conf.set(org.apache.flink.configuration.CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    if (restoreFrom != null) {
      LocalRuntime.restoreFrom(conf, restoreFrom);
    }
    return JobLauncher.start(conf, "customer-pulse-restart-it");
  }

  private static void awaitAll(PulseTestStack it, int ordersEach) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 90_000;
    for (int c = 0; c < CUSTOMERS; c++) {
      String key = it.key("profile:{c" + c + "}");
      while (!String.valueOf(ordersEach).equals(it.redis().hget(key, "v"))) {
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError("c" + c + " never reached version " + ordersEach + ": " + it.redis().hgetAll(key));
        }
        Thread.sleep(50);
      }
    }
  }


  /** Every profile hash and segment set (by key without the test's prefix) and every segment change per customer. */
  private static Map<String, Object> outcome(PulseTestStack it) throws Exception {
    Map<String, Object> all = new TreeMap<>();
    for (String key : it.redis().keys(it.redisPrefix + ":*")) {
      if (key.contains(":{meta}:")) {
        continue; // Refill bookkeeping: random generation tokens, different in every run.
      }
      String name = key.substring(it.redisPrefix.length());
      String type = it.redis().type(key);
      all.put(name, switch (type) {
        case "hash" -> new TreeMap<>(it.redis().hgetAll(key));
        case "set" -> new java.util.TreeSet<>(it.redis().smembers(key));
        case "zset" -> it.redis().zrangeWithScores(key, 0, -1).toString();
        default -> type;
      });
    }
    Map<String, List<String>> changes = new TreeMap<>();
    for (ConsumerRecord<byte[], SegmentChange> record : it.readCommitted(it.topics.segmentChanges(), SegmentChange.class)) {
      changes.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
          .add(record.value().getChangeId() + " " + record.value().getReason() + " @" + record.value().getEventTime());
    }
    all.put("segment-changes", changes);
    return all;
  }

  @Test
  void aRestoreFromTheLastCheckpointEndsExactlyAsAnUninterruptedRun() throws Exception {
    List<OrderEvent> input = input();
    int half = input.size() / 2;
    Map<String, Object> uninterrupted;
    try (PulseTestStack it = new PulseTestStack()) {
      JobClient job = start(it, null);
      for (OrderEvent order : input) {
        it.send(it.topics.orders(), order.getCustomerId(), order);
      }
      awaitAll(it, ORDERS_EACH);
      it.stopWithSavepoint(job);
      uninterrupted = outcome(it);
    }

    Map<String, Object> restored;
    try (PulseTestStack it = new PulseTestStack()) {
      JobClient first = start(it, null);
      for (OrderEvent order : input.subList(0, half)) {
        it.send(it.topics.orders(), order.getCustomerId(), order);
      }
      awaitAll(it, ORDERS_EACH / 2);
      long deadline = System.currentTimeMillis() + 30_000;
      while (LocalRuntime.latestCheckpoint(it.checkpoints).isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      // As a crash would: no final savepoint; what came after the last checkpoint is replayed.
      first.cancel().get(30, TimeUnit.SECONDS);
      Path checkpoint = LocalRuntime.latestCheckpoint(it.checkpoints).orElseThrow();
      for (OrderEvent order : input.subList(half, input.size())) {
        it.send(it.topics.orders(), order.getCustomerId(), order);
      }
      JobClient second = start(it, checkpoint);
      awaitAll(it, ORDERS_EACH);
      it.stopWithSavepoint(second);
      restored = outcome(it);
    }

    assertThat(restored.keySet()).isEqualTo(uninterrupted.keySet());
    assertThat(restored).isEqualTo(uninterrupted);
    @SuppressWarnings("unchecked")
    Map<String, List<String>> changes = (Map<String, List<String>>) restored.get("segment-changes");
    assertThat(changes).hasSize(CUSTOMERS);
  }
}
