package dev.customerpulse.profile;

import dev.customerpulse.engine.TestEvents;

import dev.customerpulse.engine.ProfileUpdate;
import dev.customerpulse.state.CustomerState;
import static dev.customerpulse.engine.TestEvents.DAY;
import static dev.customerpulse.engine.TestEvents.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.ingest.EventKind;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A timer that finds nothing to do moves the customer's next due time strictly forward: it is never
 * registered again at or behind the watermark it fired under, where Flink would fire it again at once.
 * The timeouts turn a livelock (the harness spinning in onTimer) into a failure instead of a hung build.
 */
class TimerProgressTest {
  private static final long HOUR = 3_600_000L;
  private ProfileHarness.Operator harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProfileHarness.open(CustomerProfileFunctionTest.LOGIC);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  /**
   * cust-0 pays {@code amountMinor} pence on 2011-01-03 at 15:00, and the watermark passes each of the
   * next seven days at that hour: daily rescorings move scored_at to 15:00, up to 2011-01-10 15:00.
   */
  private void paidThenRescoredDaily(long amountMinor) throws Exception {
    long paid = at("2011-01-03T15:00:00Z");
    harness.processElement(order("cust-0", EventKind.ORDER_PAID, paid, amountMinor, "GBP"), paid);
    for (long day = 1; day <= 7; day++) {
      harness.processWatermark(paid + day * DAY);
    }
  }

  /**
   * Issue 15's reproduction: last scored at 15:00, the recency score drops at midnight (R5 → R4) but
   * the RFM segment stays potential_loyalist (F = 1, M = 2) and the lifecycle stage stays new, and the
   * watermark stops between that midnight and the next rescoring.
   */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aRecencyDropThatMovesNoSegmentDoesNotFireItsTimerAgainUnderTheSameWatermark() throws Exception {
    paidThenRescoredDaily(8_000);
    long drop = at("2011-01-11T00:00:00Z");
    long stop = at("2011-01-11T06:30:00Z");

    harness.processWatermark(stop);

    CustomerState state = ProfileHarness.stateOf(harness, "cust-0");
    assertThat(state.scoredAt).as("no rescoring before a day has passed").isEqualTo(at("2011-01-10T15:00:00Z"));
    assertThat(state.rfmSegment).isEqualTo(dev.customerpulse.state.RfmSegment.POTENTIAL_LOYALIST);
    assertThat(state.pendingTimer).as("the next rescoring, after the drop at %s", Instant.ofEpochMilli(drop))
        .isEqualTo(at("2011-01-11T15:00:00Z"));
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processWatermark(at("2011-01-11T16:00:00Z"));

    List<ProfileUpdate> out = harness.extractOutputValues();
    ProfileUpdate last = out.get(out.size() - 1);
    assertThat(last.profile.scoredAt).isEqualTo(at("2011-01-11T16:00:00Z"));
    assertThat(last.scores(CustomerProfileFunctionTest.LOGIC.scorer()).recencyScore).isEqualTo(4);
  }

  /** The same with M = 1: the segment does change at midnight (the path that always worked). */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aRecencyDropThatMovesTheSegmentPublishesAtTheDrop() throws Exception {
    paidThenRescoredDaily(3_000);

    harness.processWatermark(at("2011-01-11T06:30:00Z"));

    CustomerState state = ProfileHarness.stateOf(harness, "cust-0");
    assertThat(state.scoredAt).isEqualTo(at("2011-01-11T06:30:00Z"));
    assertThat(state.pendingTimer).isEqualTo(at("2011-01-12T06:30:00Z"));
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
  }

  /** A late event behind the watermark may pull the timer back once; the timer then moves forward again. */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aLateEventPullsTheTimerBackOnlyOnce() throws Exception {
    paidThenRescoredDaily(8_000);
    harness.processWatermark(at("2011-01-11T06:30:00Z"));
    long late = at("2011-01-02T10:00:00Z");
    harness.processElement(TestEvents.event("cust-0", EventKind.PAGE_VIEW, late), late);

    harness.processWatermark(at("2011-01-11T06:31:00Z"));

    CustomerState state = ProfileHarness.stateOf(harness, "cust-0");
    assertThat(state.pendingTimer).isGreaterThan(at("2011-01-11T06:31:00Z"));
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
  }
}
