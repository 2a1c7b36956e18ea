package dev.customerpulse.profile;

import static dev.customerpulse.engine.TestEvents.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.identity.HandoffRecords;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventIdHash;
import dev.customerpulse.ingest.EventKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Identity stitching across a restore, on the operator and RocksDB: a merge whose handoff is in
 * flight at a checkpoint counts once when the source replays. (Stitching itself is tested on the
 * engine, in engine.IdentityStitchingTest.)
 */
class IdentityRestoreTest {
  private ProfileHarness.Operator harness;
  private final ProfileHarness.Unread<CustomerEvent> handoffs = new ProfileHarness.Unread<>(ProfileOutputs.HANDOFFS);

  @BeforeEach
  void open() throws Exception {
    harness = ProfileHarness.open(CustomerProfileFunctionTest.LOGIC);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void send(CustomerEvent event) throws Exception {
    harness.processElement(event, event.eventTime);
  }

  /** Handoffs written since the last call, as read back from the topic. */
  private List<CustomerEvent> handoffs() throws Exception {
    List<CustomerEvent> fresh = new ArrayList<>();
    for (CustomerEvent handoff : handoffs.take(harness)) {
      fresh.add(HandoffRecords.decode(HandoffRecords.encode(handoff)));
    }
    return fresh;
  }

  private ProfileUpdate latest(String customer) {
    List<ProfileUpdate> out = harness.extractOutputValues();
    for (int i = out.size() - 1; i >= 0; i--) {
      if (out.get(i).customerId.equals(customer)) {
        return out.get(i);
      }
    }
    throw new AssertionError("no profile of " + customer);
  }

  @Test
  void aMergeInFlightAcrossARestoreFromACheckpointCountsOnce() throws Exception {
    send(new CustomerEvent("ann", "o1", EventKind.ORDER_PAID, DAY, DAY, 500, "EUR"));
    send(new CustomerEvent("bob", "o2", EventKind.ORDER_PAID, 2 * DAY, 2 * DAY, 1_000, "EUR"));
    CustomerEvent merge = new CustomerEvent("bob", "m1", EventKind.MERGE, 3 * DAY, 3 * DAY, 0, null);
    merge.otherKey = "ann";
    send(merge);
    List<CustomerEvent> inFlight = handoffs();
    assertThat(inFlight).hasSize(1);

    OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
    harness.close();
    harness = ProfileHarness.create(CustomerProfileFunctionTest.LOGIC);
    harness.initializeState(checkpoint);
    harness.open();
    handoffs.restart();

    // The source replays what it read after the checkpoint: the merge again, and then the handoff.
    send(merge);
    assertThat(handoffs()).as("bob is already merged: the replayed merge goes on to ann").singleElement()
        .satisfies(h -> assertThat(h.kind).isEqualTo(EventKind.MERGE));
    send(inFlight.get(0));
    for (CustomerEvent forwarded : handoffs()) {
      send(forwarded);
    }

    ProfileUpdate ann = latest("ann");
    assertThat(ann.profile.orders).isEqualTo(2);
    assertThat(ann.profile.spendMinor).isEqualTo(1_500);
    assertThat(ProfileHarness.keysWith(harness, "customer")).containsExactly("ann", "bob");
    // ann remembers bob's order and the handoff: a replay of either counts nothing.
    assertThat(ProfileHarness.stateOf(harness, "ann").seenIds.ids()).contains(EventIdHash.of("o2"),
        EventIdHash.of(inFlight.get(0).eventId));
    send(new CustomerEvent("bob", "o2", EventKind.ORDER_PAID, 2 * DAY, 2 * DAY, 1_000, "EUR"));
    for (CustomerEvent forwarded : handoffs()) {
      send(forwarded);
    }
    assertThat(latest("ann").profile.orders).isEqualTo(2);
  }
}
