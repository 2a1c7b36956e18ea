package dev.customerpulse.profile;

import dev.customerpulse.engine.TestEvents;

import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.state.SeenEventIds;
import static dev.customerpulse.engine.TestEvents.DAY;
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

  /** Processing time, for both the ids kept in the state and the time-to-live of those moved out. */
  private void clock(long time) throws Exception {
    harness.setProcessingTime(time);
    harness.setStateTtlProcessingTime(time);
  }

  @Test
  void anIdCountsAgainOnceTheHorizonHasPassed() throws Exception {
    clock(0);
    send(view("ann", "e1", DAY));
    clock(HORIZON - 1);
    send(view("ann", "e1", DAY + 1));
    assertThat(pageViews()).isEqualTo(1);
    clock(HORIZON);
    send(view("ann", "e1", DAY + 2));
    assertThat(pageViews()).isEqualTo(2);
  }

  @Test
  void aCustomerWithFewEventsKeepsTheIdsInTheStateAlone() throws Exception {
    for (int i = 0; i < SeenEventIds.CAPACITY; i++) {
      send(view("ann", "e" + i, DAY + i));
    }
    assertThat(ProfileHarness.keysWith(harness, "seen-event-ids")).isEmpty();
    assertThat(ProfileHarness.stateOf(harness, "ann").seenIds.size()).isEqualTo(SeenEventIds.CAPACITY);
  }

  @Test
  void idsMovedOutOfTheStateStillCountOnceUntilTheHorizon() throws Exception {
    clock(1_000);
    int sent = SeenEventIds.CAPACITY + 5;
    for (int i = 0; i < sent; i++) {
      send(view("ann", "e" + i, DAY + i));
    }
    assertThat(ProfileHarness.keysWith(harness, "seen-event-ids")).containsExactly("ann");
    assertThat(ProfileHarness.stateOf(harness, "ann").seenIds.id(0)).isEqualTo(dev.customerpulse.ingest.EventIdHash.of("e5"));
    for (int i = 0; i < sent; i++) {
      send(view("ann", "e" + i, DAY + sent + i));
    }
    assertThat(pageViews()).isEqualTo(sent);

    clock(1_000 + HORIZON);
    send(view("ann", "e0", DAY + 2 * sent));
    send(view("ann", "e" + (sent - 1), DAY + 2 * sent + 1));
    assertThat(pageViews()).as("e0 was moved out and has expired there; the last one expired in the state").isEqualTo(sent + 2);
    assertThat(ProfileHarness.stateOf(harness, "ann").seenIds.mayHaveSpilled(1_000 + HORIZON)).isFalse();
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
    for (int i = 0; i <= SeenEventIds.CAPACITY; i++) {
      send(view("ann", "e" + i, DAY + i));
    }
    assertThat(ProfileHarness.keysWith(harness, "seen-event-ids")).containsExactly("ann");
    harness.processWatermark(DAY + Duration.ofDays(731).toMillis());
    assertThat(ProfileHarness.keysWith(harness, "customer")).isEmpty();
    assertThat(ProfileHarness.keysWith(harness, "seen-event-ids")).isEmpty();
  }
}
