package dev.customerpulse.profile;

import static dev.customerpulse.profile.TestEvents.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import java.time.Duration;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Event ids are remembered per customer for the horizon: retries and replays count once. */
class DeduplicationTest {
  private static final long HORIZON = Duration.ofDays(7).toMillis();
  private ProfileHarness.Operator harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProfileHarness.create(CustomerProfileFunctionTest.LOGIC);
    harness.open();
  }


  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static CustomerEvent view(String customer, String eventId, long time) {
    return new CustomerEvent(customer, eventId, EventKind.PAGE_VIEW, time, time, 0, null);
  }

  private void send(CustomerEvent event) throws Exception {
    harness.processElement(event, event.eventTime);
  }

  private long pageViews() {
    List<ProfileUpdate> out = harness.extractOutputValues();
    return out.get(out.size() - 1).profile.pageViews;
  }


  @Test
  void aRepeatedEventIdIsDroppedWithoutOutput() throws Exception {
    send(view("ann", "e1", DAY));
    send(view("ann", "e2", DAY + 1));
    send(view("ann", "e1", DAY + 2));
    assertThat(harness.extractOutputValues()).hasSize(2);
    assertThat(pageViews()).isEqualTo(2);
  }

  @Test
  void idsArePerCustomer() throws Exception {
    send(view("ann", "e1", DAY));
    send(view("bob", "e1", DAY));
    assertThat(harness.extractOutputValues()).extracting(u -> u.customerId).containsExactly("ann", "bob");
  }

  @Test
  void anIdCountsAgainOnceTheHorizonHasPassed() throws Exception {
    harness.setStateTtlProcessingTime(0);
    send(view("ann", "e1", DAY));
    harness.setStateTtlProcessingTime(HORIZON - 1);
    send(view("ann", "e1", DAY + 1));
    assertThat(pageViews()).isEqualTo(1);
    harness.setStateTtlProcessingTime(HORIZON);
    send(view("ann", "e1", DAY + 2));
    assertThat(pageViews()).isEqualTo(2);
  }

  @Test
  void rememberedIdsSurviveARestoreFromACheckpoint() throws Exception {
    send(view("ann", "e1", DAY));
    OperatorSubtaskState snapshot = harness.snapshot(1, 1);
    harness.close();

    harness = ProfileHarness.create(CustomerProfileFunctionTest.LOGIC);
    harness.initializeState(snapshot);
    harness.open();
    send(view("ann", "e1", DAY + 1));
    send(view("ann", "e3", DAY + 2));
    assertThat(harness.extractOutputValues()).hasSize(1);
    assertThat(pageViews()).isEqualTo(2);
  }

  @Test
  void aForgottenCustomerLeavesNoRememberedIds() throws Exception {
    send(view("ann", "e1", DAY));
    assertThat(ProfileHarness.keysWith(harness, "seen-event-ids")).containsExactly("ann");
    harness.processWatermark(DAY + Duration.ofDays(731).toMillis());
    assertThat(ProfileHarness.keysWith(harness, "customer")).isEmpty();
    assertThat(ProfileHarness.keysWith(harness, "seen-event-ids")).isEmpty();
  }
}
