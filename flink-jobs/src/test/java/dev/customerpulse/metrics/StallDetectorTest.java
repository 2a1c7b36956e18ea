package dev.customerpulse.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a job counts as stalled, and the reason it gives, from synthetic metric samples (checkpoints every 2 s). */
class StallDetectorTest {
  private final StallDetector detector = new StallDetector(Duration.ofSeconds(2));

  /** A sample with no pending records and no timers: only the checkpoint age matters. */
  private Optional<String> checkpointAge(long at, long recordsIn, long ageMillis, long lastCheckpointMillis) {
    return detector.observe(new StallDetector.Sample(at, recordsIn, 0, ageMillis, lastCheckpointMillis, 0));
  }

  private Optional<String> input(long at, long recordsIn, long pending) {
    return detector.observe(new StallDetector.Sample(at, recordsIn, pending, 500, 100, 0));
  }

  @Test
  void aHealthyJobIsNotStalled() {
    assertThat(detector.observe(new StallDetector.Sample(0, 100, 50, 1_900, 150, 0))).isEmpty();
    assertThat(detector.observe(new StallDetector.Sample(10_000, 5_100, 70, 300, 150, 0))).isEmpty();
    assertThat(detector.observe(new StallDetector.Sample(20_000, 10_100, 20, 1_999, 150, 0))).isEmpty();
  }

  @Test
  void noCheckpointForThreeIntervalsIsAStall() {
    assertThat(checkpointAge(0, 100, 5_999, 150)).isEmpty();
    assertThat(checkpointAge(1_000, 200, 6_000, 150)).contains("no checkpoint completed for 6 s (expected every 2 s)");
    assertThat(checkpointAge(2_400, 300, 7_400, 150)).contains("no checkpoint completed for 7.4 s (expected every 2 s)");
    assertThat(checkpointAge(3_000, 400, 200, 150)).as("a checkpoint completed: over").isEmpty();
  }

  @Test
  void checkpointsSlowerThanTheIntervalAreExpectedLess() {
    assertThat(checkpointAge(0, 100, 11_999, 4_000)).isEmpty();
    assertThat(checkpointAge(1_000, 200, 12_000, 4_000)).contains("no checkpoint completed for 12 s (expected every 4 s)");
  }

  @Test
  void noAgeYetIsNoVerdict() {
    assertThat(checkpointAge(0, 0, -1, -1)).isEmpty();
    assertThat(checkpointAge(60_000, 0, -1, -1)).isEmpty();
  }

  @Test
  void noRecordsInForThreeIntervalsWhileRecordsWaitIsAStall() {
    assertThat(input(0, 500, 100)).isEmpty();
    assertThat(input(1_000, 500, 200)).isEmpty();
    assertThat(input(5_999, 500, 900)).isEmpty();
    assertThat(input(6_000, 500, 1_700)).contains("no records in for 6 s while 1,700 wait in Kafka");
    assertThat(input(9_500, 500, 2_000)).contains("no records in for 9.5 s while 2,000 wait in Kafka");
    assertThat(input(10_000, 501, 2_000)).as("a record was read: over").isEmpty();
  }

  @Test
  void nothingToReadIsNotAStall() {
    assertThat(input(0, 500, 0)).isEmpty();
    assertThat(input(10_000, 500, 0)).isEmpty();
    assertThat(input(20_000, 500, 0)).isEmpty();
    assertThat(input(21_000, 500, 10)).as("records arrived just now").isEmpty();
    assertThat(input(26_999, 500, 10)).isEmpty();
    assertThat(input(27_000, 500, 10)).contains("no records in for 6 s while 10 wait in Kafka");
  }

  @Test
  void aCaughtUpMomentStartsTheQuietTimeAgain() {
    assertThat(input(0, 500, 100)).isEmpty();
    assertThat(input(4_000, 500, 0)).isEmpty();
    assertThat(input(8_000, 500, 100)).isEmpty();
    assertThat(input(14_000, 500, 100)).contains("no records in for 6 s while 100 wait in Kafka");
  }

  @Test
  void aRestartedCounterIsProgress() {
    assertThat(input(0, 500, 100)).isEmpty();
    assertThat(input(5_000, 0, 100)).isEmpty();
    assertThat(input(10_000, 0, 100)).isEmpty();
    assertThat(input(11_000, 0, 100)).contains("no records in for 6 s while 100 wait in Kafka");
  }

  @Test
  void aStallSaysHowFastTimersFireWithNothingToDo() {
    assertThat(detector.observe(new StallDetector.Sample(0, 500, 1_200, 2_000, 100, 1_000))).isEmpty();
    assertThat(detector.observe(new StallDetector.Sample(6_000, 500, 1_200, 8_000, 100, 271_000)))
        .contains("no checkpoint completed for 8 s (expected every 2 s); no records in for 6 s while 1,200 wait in Kafka;"
            + " 45,000 timers/s fire with nothing to do");
  }

  @Test
  void timersWithNothingToDoAloneAreNoStall() {
    assertThat(detector.observe(new StallDetector.Sample(0, 500, 0, 1_000, 100, 0))).isEmpty();
    assertThat(detector.observe(new StallDetector.Sample(1_000, 900, 0, 1_500, 100, 90_000))).isEmpty();
  }

  @Test
  void theIntervalMustBePositive() {
    assertThatThrownBy(() -> new StallDetector(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the checkpoint interval must be positive, got PT0S");
  }
}
