package dev.customerpulse.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.customerpulse.engine.ProfileUpdate;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class LatestPerCustomerTest {

  private static ProfileUpdate update(String customer, long sourceTimestamp) {
    return new ProfileUpdate(customer, sourceTimestamp, null);
  }

  private static OneInputStreamOperatorTestHarness<ProfileUpdate, ProfileUpdate> open(int maxBuffered, long delayMillis)
      throws Exception {
    var harness = new OneInputStreamOperatorTestHarness<>(new LatestPerCustomer(maxBuffered, delayMillis));
    harness.setProcessingTime(0);
    harness.open();
    return harness;
  }

  /** "customer@sourceTimestamp" of every record passed on so far, in order. */
  private static List<String> passedOn(OneInputStreamOperatorTestHarness<ProfileUpdate, ProfileUpdate> harness) {
    return harness.extractOutputValues().stream().map(u -> u.customerId + "@" + u.sourceTimestamp).toList();
  }

  @Test
  void passesOnEachCustomersLatestProfileOnceTheDelayAfterTheirFirstChangeIsOver() throws Exception {
    var harness = open(1_000, 1_000);
    harness.processElement(new StreamRecord<>(update("ann", 1)));
    harness.setProcessingTime(300);
    harness.processElement(new StreamRecord<>(update("bob", 2)));
    harness.processElement(new StreamRecord<>(update("ann", 3)));
    harness.setProcessingTime(999);
    assertThat(passedOn(harness)).isEmpty();

    harness.setProcessingTime(1_000);
    assertThat(passedOn(harness)).containsExactly("ann@3");

    harness.setProcessingTime(1_300);
    assertThat(passedOn(harness)).containsExactly("ann@3", "bob@2");
    // Nothing waits: no timer is left behind.
    assertThat(harness.getProcessingTimeService().getNumActiveTimers()).isZero();

    harness.processElement(new StreamRecord<>(update("ann", 4)));
    harness.setProcessingTime(2_300);
    assertThat(passedOn(harness)).containsExactly("ann@3", "bob@2", "ann@4");
    harness.close();
  }

  @Test
  void passesOnEverythingStillWaitingBeforeACheckpointBarrierAndAtTheEnd() throws Exception {
    var harness = open(1_000, 60_000);
    harness.processElement(new StreamRecord<>(update("ann", 1)));
    harness.processElement(new StreamRecord<>(update("bob", 2)));
    harness.processElement(new StreamRecord<>(update("ann", 3)));
    harness.prepareSnapshotPreBarrier(1);
    assertThat(passedOn(harness)).containsExactly("ann@3", "bob@2");

    harness.processElement(new StreamRecord<>(update("cid", 4)));
    harness.endInput();
    harness.getOneInputOperator().finish();
    assertThat(passedOn(harness)).containsExactly("ann@3", "bob@2", "cid@4");
    harness.close();
  }

  @Test
  void refillsArePassedOnToNobody() throws Exception {
    var harness = open(1_000, 0);
    ProfileUpdate refill = update("ann", 0);
    refill.refill = true;
    harness.processElement(new StreamRecord<>(refill));
    harness.processElement(new StreamRecord<>(update("bob", 5)));
    assertThat(passedOn(harness)).containsExactly("bob@5");
    harness.close();
  }

  @Test
  void withoutADelayEveryUpdateIsPassedOnAtOnce() throws Exception {
    var harness = open(1_000, 0);
    harness.processElement(new StreamRecord<>(update("ann", 1)));
    harness.processElement(new StreamRecord<>(update("ann", 2)));
    assertThat(passedOn(harness)).containsExactly("ann@1", "ann@2");
    assertThat(harness.getProcessingTimeService().getNumActiveTimers()).isZero();
    harness.close();
  }

  @Test
  void tooManyWaitingCustomersArePassedOnEarly() throws Exception {
    var harness = open(2, 60_000);
    harness.processElement(new StreamRecord<>(update("ann", 1)));
    assertThat(passedOn(harness)).isEmpty();
    harness.processElement(new StreamRecord<>(update("bob", 2)));
    assertThat(passedOn(harness)).containsExactly("ann@1", "bob@2");
    harness.close();
  }

  @Test
  void aNegativeDelayIsRefused() {
    assertThatThrownBy(() -> new LatestPerCustomer(10, -1)).hasMessageContaining("must not be negative");
  }
}
