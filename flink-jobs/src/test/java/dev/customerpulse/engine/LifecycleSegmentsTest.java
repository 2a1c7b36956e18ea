package dev.customerpulse.engine;


import dev.customerpulse.state.CustomerState;
import static dev.customerpulse.engine.TestEvents.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lifecycle stages and RFM segments move by event-time timers the moment a threshold passes. */
class LifecycleSegmentsTest {
  private static final long T0 = 100 * DAY;
  private EngineDriver engine;
  private final Unread<SegmentChange> segmentChanges = new Unread<>(() -> engine.segmentChanges);

  @BeforeEach
  void open() throws Exception {
    engine = new EngineDriver(TestLogic.DEFAULTS);
  }


  /** Segment changes since the last call, as (segment, type, from, to, day of event time). */
  private List<org.assertj.core.groups.Tuple> changes() {
    return segmentChanges.take().stream().map(c -> tuple(c.getSegment(), c.getChange().name(), c.getFromSegment(),
        c.getToSegment(), c.getEventTime().toEpochMilli() / DAY)).toList();
  }

  private void daysPass(long fromDay, long toDay) throws Exception {
    for (long day = fromDay; day <= toDay; day++) {
      engine.processWatermark(day * DAY);
    }
  }

  @Test
  void aSilentBuyerMovesThroughTheStagesAndSegmentsOnTheExactDays() throws Exception {
    engine.processElement(new CustomerEvent("ann", "o1", EventKind.ORDER_PAID, T0, T0, 6_000, "EUR"), T0);
    assertThat(changes()).containsExactly(
        tuple("tier:normal", "ENTERED", null, "tier:normal", 100L),
        tuple("lifecycle:new", "ENTERED", null, "lifecycle:new", 100L),
        tuple("rfm:potential_loyalist", "ENTERED", null, "rfm:potential_loyalist", 100L));

    daysPass(101, 129);
    assertThat(changes()).as("daily rescoring alone moves nothing").isEmpty();
    daysPass(130, 130);
    assertThat(changes()).containsExactly(
        tuple("lifecycle:new", "EXITED", "lifecycle:new", "lifecycle:at_risk", 130L),
        tuple("lifecycle:at_risk", "ENTERED", "lifecycle:new", "lifecycle:at_risk", 130L));
    daysPass(131, 131);
    assertThat(changes()).as("recency over 30 days: R 3").containsExactly(
        tuple("rfm:potential_loyalist", "EXITED", "rfm:potential_loyalist", "rfm:about_to_sleep", 131L),
        tuple("rfm:about_to_sleep", "ENTERED", "rfm:potential_loyalist", "rfm:about_to_sleep", 131L));
    daysPass(132, 300);
    assertThat(changes()).containsExactly(
        tuple("lifecycle:at_risk", "EXITED", "lifecycle:at_risk", "lifecycle:dormant", 190L),
        tuple("lifecycle:dormant", "ENTERED", "lifecycle:at_risk", "lifecycle:dormant", 190L),
        tuple("rfm:about_to_sleep", "EXITED", "rfm:about_to_sleep", "rfm:hibernating", 191L),
        tuple("rfm:hibernating", "ENTERED", "rfm:about_to_sleep", "rfm:hibernating", 191L),
        tuple("lifecycle:dormant", "EXITED", "lifecycle:dormant", "lifecycle:churned", 280L),
        tuple("lifecycle:churned", "ENTERED", "lifecycle:dormant", "lifecycle:churned", 280L));

    CustomerState ann = engine.updates.get(engine.updates.size() - 1).profile;
    assertThat(ann.lifecycle).isEqualTo(dev.customerpulse.state.LifecycleStage.CHURNED);
    assertThat(ProfileSegments.all(ann)).as("the segments the Redis writer sets")
        .containsExactly("tier:normal", "lifecycle:churned", "rfm:hibernating");

    engine.processElement(new CustomerEvent("ann", "v1", EventKind.PAGE_VIEW, 400 * DAY, 400 * DAY, 0, null), 400 * DAY);
    assertThat(changes()).as("a view wins her back; her last purchase is as old as before").containsExactly(
        tuple("lifecycle:churned", "EXITED", "lifecycle:churned", "lifecycle:won_back", 400L),
        tuple("lifecycle:won_back", "ENTERED", "lifecycle:churned", "lifecycle:won_back", 400L));
    daysPass(401, 430);
    assertThat(changes()).as("won back for 30 days, then quiet again: at risk").containsExactly(
        tuple("lifecycle:won_back", "EXITED", "lifecycle:won_back", "lifecycle:at_risk", 430L),
        tuple("lifecycle:at_risk", "ENTERED", "lifecycle:won_back", "lifecycle:at_risk", 430L));
  }

  @Test
  void anActiveCustomerMovesFromNewToActiveAndNothingIsEmittedWhenNothingMoves() throws Exception {
    for (long day = 100; day <= 135; day += 5) {
      engine.processElement(new CustomerEvent("bob", "v" + day, EventKind.PAGE_VIEW, day * DAY, day * DAY, 0, null), day * DAY);
      daysPass(day, day + 4);
    }
    assertThat(changes()).containsExactly(
        tuple("tier:new", "ENTERED", null, "tier:new", 100L),
        tuple("lifecycle:new", "ENTERED", null, "lifecycle:new", 100L),
        tuple("lifecycle:new", "EXITED", "lifecycle:new", "lifecycle:active", 130L),
        tuple("lifecycle:active", "ENTERED", "lifecycle:new", "lifecycle:active", 130L));
  }
}
