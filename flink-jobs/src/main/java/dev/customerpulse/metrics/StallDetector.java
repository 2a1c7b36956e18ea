package dev.customerpulse.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides from successive samples of a running job's metrics whether it has stalled, and says why:
 * no checkpoint completed for {@value #STALL_INTERVALS} checkpoint intervals, or no record read for
 * as long while records wait in Kafka. A stuck task looks like neither a crash nor an error: the
 * job keeps running, Redis keeps its last values, and only time without progress gives it away.
 * Pure: the caller reads the clock and the metrics.
 */
public final class StallDetector {
  /**
   * Checkpoint intervals without progress that make a stall. One slow checkpoint (a large
   * incremental upload, a short burst of backpressure) is normal; three missed in a row are not.
   */
  public static final int STALL_INTERVALS = 3;

  /**
   * One reading of the metrics.
   *
   * @param atMillis when it was taken, on any clock that only moves forward
   * @param recordsIn input records read so far (decoded events and dead letters), summed over subtasks
   * @param pendingRecords records waiting in Kafka for the job's sources (Flink's {@code pendingRecords})
   * @param checkpointAgeMillis the oldest subtask's {@code checkpointAgeMillis}, or -1 before it reports
   * @param lastCheckpointMillis how long the last completed checkpoint took, or -1 before one has
   * @param timersWithoutProgress timers that fired and found nothing to do, summed over subtasks
   */
  public record Sample(long atMillis, long recordsIn, long pendingRecords, long checkpointAgeMillis,
      long lastCheckpointMillis, long timersWithoutProgress) {}

  private final long intervalMillis;
  private Sample previous;
  /** Since when no record has been read while records were waiting in Kafka. */
  private long quietSince;

  public StallDetector(Duration checkpointInterval) {
    if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
      throw new IllegalArgumentException("the checkpoint interval must be positive, got " + checkpointInterval);
    }
    this.intervalMillis = checkpointInterval.toMillis();
  }

  /** Takes the next sample; the reason the job is stalled, or empty when it is not. */
  public Optional<String> observe(Sample sample) {
    List<String> reasons = new ArrayList<>();
    // A checkpoint that takes longer than the interval delays the next one: allow for it.
    long expectedEvery = Math.max(intervalMillis, sample.lastCheckpointMillis());
    if (sample.checkpointAgeMillis() >= STALL_INTERVALS * expectedEvery) {
      reasons.add("no checkpoint completed for " + seconds(sample.checkpointAgeMillis()) + " (expected every "
          + seconds(expectedEvery) + ")");
    }
    // Quiet time counts from the first sample that saw records waiting and none read since. A
    // restarted task counts from zero again: any change of the count is progress.
    if (previous == null || sample.recordsIn() != previous.recordsIn() || sample.pendingRecords() <= 0
        || previous.pendingRecords() <= 0) {
      quietSince = sample.atMillis();
    }
    long quietMillis = sample.atMillis() - quietSince;
    if (quietMillis >= STALL_INTERVALS * intervalMillis) {
      reasons.add(String.format(Locale.ROOT, "no records in for %s while %,d wait in Kafka", seconds(quietMillis),
          sample.pendingRecords()));
    }
    if (!reasons.isEmpty() && previous != null && sample.atMillis() > previous.atMillis()
        && sample.timersWithoutProgress() > previous.timersWithoutProgress()) {
      // A task thread that spins through timers is the livelock this counter was made for.
      double perSecond = (sample.timersWithoutProgress() - previous.timersWithoutProgress()) * 1000.0
          / (sample.atMillis() - previous.atMillis());
      reasons.add(String.format(Locale.ROOT, "%,.0f timers/s fire with nothing to do", perSecond));
    }
    previous = sample;
    return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
