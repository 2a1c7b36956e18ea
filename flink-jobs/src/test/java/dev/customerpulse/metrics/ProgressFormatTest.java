package dev.customerpulse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The progress line of pulse run and pulse demo, on a clock the test moves, from synthetic metrics. */
class ProgressFormatTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final ProgressFormat progress = new ProgressFormat(Duration.ofSeconds(2), nanos::get);

  private static PipelineStats stats(long eventsIn, long completedCheckpoints, long pending, long checkpointAgeMillis) {
    Histogram eventToRedis = new Histogram(3_600_000L, 3);
    eventToRedis.recordValue(40);
    return new PipelineStats(eventsIn, 2, 10, 0, 0, 3, 9, eventToRedis, completedCheckpoints, 120, 0, 0, pending,
        checkpointAgeMillis, 0);
  }

  private String at(long seconds, PipelineStats stats, long produced) {
    nanos.set(1_000_000_000L + seconds * 1_000_000_000L);
    return progress.next(stats, produced);
  }

  @Test
  void aJobThatMakesProgressShowsNoStall() {
    assertThat(at(1, stats(1_000, 0, 50, 1_000), -1))
        .isEqualTo("   1s  events in 1,000 (1,000/s)  customers 10  segment changes 3  dead letters 2  redis p50 40 ms p99 40 ms");
    assertThat(at(2, stats(3_500, 1, 20, 100), 4_000))
        .isEqualTo("   2s  produced 4,000  events in 3,500 (2,500/s)  customers 10  segment changes 3  dead letters 2"
            + "  redis p50 40 ms p99 40 ms  checkpoints 1 (last 120 ms)");
  }

  @Test
  void aStalledJobSaysSoWithTheReason() {
    assertThat(at(1, stats(1_000, 1, 50, 1_000), -1)).doesNotContain("STALLED");
    assertThat(at(5, stats(1_000, 1, 400, 5_000), -1)).doesNotContain("STALLED");
    assertThat(at(7, stats(1_000, 1, 900, 7_000), -1))
        .isEqualTo("   7s  events in 1,000 (0/s)  customers 10  segment changes 3  dead letters 2  redis p50 40 ms p99 40 ms"
            + "  checkpoints 1 (last 120 ms)  STALLED: no checkpoint completed for 7 s (expected every 2 s);"
            + " no records in for 6 s while 900 wait in Kafka");
    assertThat(at(8, stats(1_300, 2, 600, 300), -1)).as("recovered").doesNotContain("STALLED");
  }
}
