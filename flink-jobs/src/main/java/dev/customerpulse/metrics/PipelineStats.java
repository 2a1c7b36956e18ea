package dev.customerpulse.metrics;

import org.HdrHistogram.Histogram;

/** A reading of a local job's metrics (see {@link LocalMetrics}), for progress lines and benchmarks. */
public record PipelineStats(
    long eventsIn,
    long deadLetters,
    long customers,
    long visitors,
    long anonymousEvents,
    long segmentChanges,
    long profilesWritten,
    Histogram eventToRedisMillis,
    long completedCheckpoints,
    long lastCheckpointMillis,
    long lastCheckpointFullBytes,
    long rocksDbSstBytes,
    long pendingRecords,
    long checkpointAgeMillis,
    long timersWithoutProgress) {

  public static PipelineStats read() {
    return new PipelineStats(
        LocalMetrics.count("eventsIn"),
        LocalMetrics.count("deadLetters"),
        LocalMetrics.count("customersCreated"),
        LocalMetrics.count("visitorsCreated"),
        LocalMetrics.count("anonymousEvents"),
        LocalMetrics.count("segmentChanges"),
        LocalMetrics.count("profilesWritten"),
        LocalMetrics.histogram("eventToRedisMillis"),
        Math.max(0, LocalMetrics.gauge("numberOfCompletedCheckpoints")),
        LocalMetrics.gauge("lastCheckpointDuration"),
        LocalMetrics.gauge("lastCheckpointFullSize"),
        LocalMetrics.gaugeSum("rocksdb.total-sst-files-size"),
        LocalMetrics.gaugeSum("pendingRecords"),
        LocalMetrics.gaugeMax("checkpointAgeMillis"),
        LocalMetrics.count("timersWithoutProgress"));
  }

  /** What {@link StallDetector} looks at, taken at {@code atMillis}. */
  public StallDetector.Sample stallSample(long atMillis) {
    return new StallDetector.Sample(atMillis, eventsIn + deadLetters, pendingRecords, checkpointAgeMillis,
        lastCheckpointMillis, timersWithoutProgress);
  }

  /**
   * Input events whose effect has fully left the pipeline: profile in Redis, or nothing to publish
   * (anonymous, a duplicate, a dead letter), or handed on to the customer a linked or merged key
   * stands for. An event handed on is counted there, not again when it comes back through the
   * customer-handoffs loop (such updates carry no source timestamp).
   */
  public long eventsDone() {
    return eventToRedisMillis.getTotalCount() + anonymousEvents + deadLetters + LocalMetrics.count("eventsForwarded")
        + LocalMetrics.count("duplicates");
  }

  /** {@link #eventsDone()} read cheaply, for tight polling loops. */
  public static long eventsDoneNow() {
    return LocalMetrics.histogramCount("eventToRedisMillis") + LocalMetrics.count("anonymousEvents")
        + LocalMetrics.count("deadLetters") + LocalMetrics.count("eventsForwarded") + LocalMetrics.count("duplicates");
  }
}
