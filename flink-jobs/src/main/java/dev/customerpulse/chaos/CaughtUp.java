package dev.customerpulse.chaos;

import dev.customerpulse.connectors.kafka.KafkaSettings;
import dev.customerpulse.job.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import dev.customerpulse.connectors.kafka.CommittedTopics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a run's job has taken in all its input: the offsets its consumer group committed (at
 * completed checkpoints) reach the ends of the input topics and of its handoff loop, and its output
 * topics stop growing over two more checkpoints (the last outputs committed, timers done).
 */
final class CaughtUp {
  private CaughtUp() {}

  /**
   * Waits until {@code run}'s job has consumed everything and its outputs have not grown for
   * {@code settle} (longer than pulse.events.source-idleness, after which idle partitions stop holding
   * the watermark back and the last timers fire) and two checkpoints.
   */
  static void await(KafkaSettings kafka, String run, Duration timeout, Duration settle, LongSupplier completedCheckpoints)
      throws InterruptedException {
    Topics topics = ChaosJobs.topics(run);
    List<String> inputs = List.of(topics.clicks(), topics.orders(), topics.serviceCalls(), topics.identities(),
        topics.customerHandoffs());
    List<String> outputs = List.of(topics.customerProfiles(), topics.segmentChanges(), topics.churnAlerts(),
        topics.dateTriggers(), topics.deadLetters(), topics.customerHandoffs());
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(kafka.clientProperties(Map.of()))) {
      Map<TopicPartition, Long> lastOutputs = null;
      long stableSince = System.nanoTime();
      long checkpointsThen = completedCheckpoints.getAsLong();
      while (System.nanoTime() < deadline) {
        Map<TopicPartition, Long> inputEnds = ends(admin, inputs);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("chaos-" + run)
            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        boolean consumed = nothingLeft(kafka, inputEnds, committed);
        Map<TopicPartition, Long> outputEnds = ends(admin, outputs);
        long checkpoints = completedCheckpoints.getAsLong();
        if (!consumed || !outputEnds.equals(lastOutputs)) {
          lastOutputs = outputEnds;
          stableSince = System.nanoTime();
          checkpointsThen = checkpoints;
        } else if (System.nanoTime() - stableSince > settle.toNanos() && checkpoints >= checkpointsThen + 2) {
          return;
        }
        Thread.sleep(500);
      }
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot read the offsets of run " + run + ": " + e.getMessage(), e);
    }
    throw new IllegalStateException("the " + run + " job did not take in all its input within " + timeout.toSeconds() + " s");
  }

  /**
   * Whether no committed record follows the committed offsets. Transactional topics end in commit
   * markers, which take offsets but are never read: a read_committed consumer steps over them.
   */
  private static boolean nothingLeft(KafkaSettings kafka, Map<TopicPartition, Long> ends,
      Map<TopicPartition, OffsetAndMetadata> committed) {
    try (KafkaConsumer<byte[], byte[]> consumer = CommittedTopics.consumer(kafka, Map.of())) {
      List<TopicPartition> partitions = new java.util.ArrayList<>(ends.keySet());
      consumer.assign(partitions);
      for (TopicPartition partition : partitions) {
        OffsetAndMetadata offset = committed.get(partition);
        consumer.seek(partition, offset == null ? 0 : offset.offset());
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (System.nanoTime() < deadline) {
        if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
          return false;
        }
        if (partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
          return true;
        }
      }
      return false;
    }
  }

  private static Map<TopicPartition, Long> ends(Admin admin, List<String> topics)
      throws java.util.concurrent.ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (var description : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
      description.partitions().forEach(p -> request.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((partition, info) -> ends.put(partition, info.offset()));
    return ends;
  }

  /** Completed checkpoints of a job on the MiniCluster in this JVM, from its accumulated metrics. */
  static LongSupplier checkpointsOf(JobClient job) {
    long started = System.nanoTime();
    // The MiniCluster's JobClient reports no checkpoint counts: one interval of the clock stands in for one checkpoint.
    return () -> (System.nanoTime() - started) / ChaosJobs.CHECKPOINT_INTERVAL.toNanos();
  }

}
