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
    long rocksDbSstBytes) {

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
        LocalMetrics.gaugeSum("rocksdb.total-sst-files-size"));
  }

  /** Events whose effect has fully left the pipeline: profile in Redis, or nothing to publish. */
  public long eventsDone() {
    return eventToRedisMillis.getTotalCount() + anonymousEvents + deadLetters;
  }

  /** {@link #eventsDone()} read cheaply, for tight polling loops. */
  public static long eventsDoneNow() {
    return LocalMetrics.histogramCount("eventToRedisMillis") + LocalMetrics.count("anonymousEvents")
        + LocalMetrics.count("deadLetters");
  }
}
