package dev.customerpulse.profile;

import dev.customerpulse.engine.TestEvents;

import static dev.customerpulse.engine.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.ingest.EventKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The profile operator's checkpoint age (the {@code pulse_checkpointAgeMillis} gauge): processing
 * time since the subtask last heard of a completed checkpoint, or since it opened.
 */
class CheckpointAgeTest {
  private ProfileHarness.Operator harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProfileHarness.create(CustomerProfileFunctionTest.LOGIC);
    harness.setProcessingTime(5_000);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private long age() {
    return ((CustomerProfileOperator) harness.getOperator()).checkpointAgeMillis();
  }

  @Test
  void countsFromTheStartUntilTheFirstCheckpointCompletes() throws Exception {
    assertThat(age()).isZero();
    harness.setProcessingTime(8_250);
    assertThat(age()).isEqualTo(3_250);
  }

  @Test
  void onlyACompletedCheckpointStartsItAgain() throws Exception {
    harness.setProcessingTime(7_000);
    harness.processElement(event("ann", EventKind.PAGE_VIEW, 1_000), 1_000);
    harness.snapshot(1, 7_000);
    assertThat(age()).as("events and a checkpoint that has not completed yet").isEqualTo(2_000);

    harness.setProcessingTime(9_000);
    harness.notifyOfCompletedCheckpoint(1);
    harness.setProcessingTime(10_500);
    assertThat(age()).isEqualTo(1_500);

    harness.setProcessingTime(40_500);
    assertThat(age()).as("no checkpoint since: the age keeps rising").isEqualTo(31_500);
  }
}
