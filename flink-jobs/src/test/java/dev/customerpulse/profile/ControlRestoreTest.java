package dev.customerpulse.profile;

import static dev.customerpulse.engine.TestEvents.DAY;
import static dev.customerpulse.engine.TestEvents.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.SegmentChangeType;
import dev.customerpulse.engine.TestLogic;
import dev.customerpulse.engine.ProfileLogic;
import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.rules.RuleCommand;
import dev.customerpulse.segments.ClvCuts;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What reaches the operator on its broadcast input (live rules, CLV percentiles) lives in broadcast
 * state and survives a restore; customers' rule memberships live in their keyed state. On the
 * operator and RocksDB; the rules and tiers themselves are tested on the engine.
 */
class ControlRestoreTest {
  private ProfileHarness.Operator harness;
  private final ProfileHarness.Unread<SegmentChange> changes = new ProfileHarness.Unread<>(ProfileOutputs.SEGMENT_CHANGES);

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void buy(String customer, long day, int orders, long amount) throws Exception {
    for (int i = 0; i < orders; i++) {
      long time = day * DAY + 3_600_000 + i;
      harness.processElement(order(customer, EventKind.ORDER_PAID, time, amount, "EUR"), time);
    }
  }

  /** Snapshots the operator and restores the snapshot into a new one with the same settings. */
  private void restart(ProfileLogic logic) throws Exception {
    OperatorSubtaskState snapshot = harness.snapshot(1, 1);
    harness.close();
    harness = ProfileHarness.create(logic);
    harness.initializeState(snapshot);
    harness.open();
    changes.restart();
  }

  private double latestClv(String customer, ProfileLogic logic) {
    double clv = Double.NaN;
    for (ProfileUpdate update : harness.extractOutputValues()) {
      if (update.customerId.equals(customer) && !update.deleted) {
        clv = update.scores(logic.scorer()).clvMinor;
      }
    }
    return clv;
  }

  @Test
  void liveRulesAndMembershipsSurviveARestore() throws Exception {
    ProfileLogic logic = CustomerProfileFunctionTest.LOGIC;
    harness = ProfileHarness.open(logic);
    buy("ann", 10, 4, 1_000);
    buy("bob", 10, 1, 1_000);
    harness.processRule(RuleCommand.rule("loyal", "orders >= 3", 1, RuleCommand.LIVE, ""));
    restart(logic);
    buy("bob", 11, 2, 1_000);
    buy("ann", 11, 1, 1_000);
    assertThat(changes.take(harness)).filteredOn(c -> c.getSegment().startsWith("rule:"))
        .extracting(SegmentChange::getCustomerId, SegmentChange::getChange)
        .containsExactly(tuple("bob", SegmentChangeType.ENTERED));
  }

  @Test
  void thePercentilesSurviveARestore() throws Exception {
    ProfileLogic logic = TestLogic.BY_CLV_PERCENTILE;
    harness = ProfileHarness.open(logic);
    for (int day = 1; day <= 4; day++) {
      buy("cat", day, 1, 20_000);
    }
    harness.processPercentiles(new ClvCuts(4, 1_000, 50, 80, 95, 1, 2, latestClv("cat", logic) / 2));
    restart(logic);
    for (int day = 1; day <= 4; day++) {
      buy("fay", day, 1, 20_000);
    }
    // By the restored percentiles: high from the first order (by spend, 200.00 could not be high),
    // vip once the lifetime value passes half of cat's.
    assertThat(changes.take(harness)).filteredOn(c -> c.getSegment().startsWith("tier:"))
        .extracting(SegmentChange::getSegment, SegmentChange::getChange).containsExactly(
            tuple("tier:high", SegmentChangeType.ENTERED), tuple("tier:high", SegmentChangeType.EXITED),
            tuple("tier:vip", SegmentChangeType.ENTERED));
  }
}
