package dev.customerpulse.engine;

import static dev.customerpulse.engine.TestEvents.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.customerpulse.avro.SegmentChange;
import dev.customerpulse.avro.SegmentChangeType;
import dev.customerpulse.features.FeatureSettings;
import dev.customerpulse.ingest.CustomerEvent;
import dev.customerpulse.ingest.EventKind;
import dev.customerpulse.privacy.PrivacyPolicy;
import dev.customerpulse.scoring.ChurnFeature;
import dev.customerpulse.scoring.ChurnModel;
import dev.customerpulse.scoring.ClvModel;
import dev.customerpulse.scoring.ClvSettings;
import dev.customerpulse.scoring.ProfileScorer;
import dev.customerpulse.scoring.RfmSettings;
import dev.customerpulse.segments.ChurnAlertPolicy;
import dev.customerpulse.segments.LifecyclePolicy;
import dev.customerpulse.segments.ValueTierPolicy;
import dev.customerpulse.state.CustomerState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * History mode on the engine alone: the past builds the same state as without it, but sends no churn
 * alert, date trigger or segment change (it counts them); the first live evaluation announces the
 * memberships once.
 */
class HistoryModeTest {
  /** Complaints alone make the churn risk: one complaint raises an alert. */
  private static final ProfileLogic LOGIC = new ProfileLogic(new ValueTierPolicy(50_000, 200_000), FeatureSettings.defaults(),
      new ProfileScorer(RfmSettings.defaults(), new ClvModel(ClvSettings.defaults()),
          new ChurnModel(0.0, Map.of(ChurnFeature.COMPLAINTS, 3.0))),
      Duration.ofDays(1), Duration.ofDays(730), Duration.ofDays(30), Duration.ofDays(7), 3, "customer-handoffs",
      LifecyclePolicy.defaults(), new ChurnAlertPolicy(0.7, 0.6, Duration.ofDays(7)), PrivacyPolicy.DEFAULTS);
  private static final long UNTIL = 200 * DAY;

  private int sequence;

  /** A year of the past: a birthday, a paid order, a complaint, months of silence. */
  private void past(EngineDriver engine) throws Exception {
    CustomerEvent identify = new CustomerEvent("ann", "i1", EventKind.IDENTIFY, 5 * DAY, 5 * DAY, 0, null)
        .withIdentity(null, null, null, Long.MIN_VALUE);
    identify.birthMonthDay = 215;
    engine.processElement(identify);
    paid(engine, 9 * DAY, 250_000);
    engine.processElement(new CustomerEvent("ann", "s" + ++sequence, EventKind.SERVICE_CALL, 10 * DAY, 10 * DAY, 0, null)
        .withServiceOutcome(true, true, 0, -1));
    for (long day = 11; day < 200; day++) {
      engine.processWatermark(day * DAY);
    }
  }

  private void paid(EngineDriver engine, long time, long amount) throws Exception {
    engine.processElement(new CustomerEvent("ann", "o" + ++sequence, EventKind.ORDER_PAID, time, time, amount, "EUR"));
  }

  @Test
  void thePastBuildsTheSameStateButSendsNothingAndCountsWhatItHeldBack() throws Exception {
    EngineDriver live = new EngineDriver(LOGIC);
    past(live);
    EngineDriver history = new EngineDriver(LOGIC.withHistory(new HistoryMode(UNTIL)));
    sequence = 0;
    past(history);

    assertThat(live.churnAlerts).as("without history mode").hasSize(1);
    assertThat(live.dateTriggers).as("without history mode").hasSize(1);
    assertThat(live.segmentChanges).as("without history mode").hasSizeGreaterThan(3);

    assertThat(history.churnAlerts).isEmpty();
    assertThat(history.dateTriggers).isEmpty();
    assertThat(history.segmentChanges).isEmpty();
    assertThat(history.count(EngineMetric.HISTORY_CHURN_ALERTS)).isEqualTo(1);
    assertThat(history.count(EngineMetric.HISTORY_DATE_TRIGGERS)).isEqualTo(1);
    assertThat(history.count(EngineMetric.HISTORY_SEGMENT_CHANGES)).isEqualTo(live.segmentChanges.size());
    assertThat(history.count(EngineMetric.SEGMENT_CHANGES)).isZero();
    assertThat(history.count(EngineMetric.CHURN_ALERTS)).isZero();
    assertThat(history.count(EngineMetric.DATE_TRIGGERS)).isZero();

    CustomerState a = live.stateOf("ann");
    CustomerState b = history.stateOf("ann");
    assertThat(List.<Object>of(b.tier, b.lifecycle, b.rfmSegment, b.churnAlertActive, b.spendMinor, b.orders, b.version,
        b.scoredAt)).isEqualTo(List.<Object>of(a.tier, a.lifecycle, a.rfmSegment, a.churnAlertActive, a.spendMinor, a.orders,
        a.version, a.scoredAt));
    assertThat(history.updates).as("profiles are published as usual").hasSameSizeAs(live.updates);
  }

  @Test
  void theFirstLiveEvaluationAnnouncesTheMembershipsOnce() throws Exception {
    EngineDriver history = new EngineDriver(LOGIC.withHistory(new HistoryMode(UNTIL)));
    past(history);
    paid(history, 201 * DAY, 1_000);

    CustomerState ann = history.stateOf("ann");
    List<String> segments = ProfileSegments.all(ann);
    assertThat(segments).isNotEmpty();
    assertThat(history.segmentChanges).extracting(SegmentChange::getSegment).containsExactlyElementsOf(segments);
    assertThat(history.segmentChanges).allSatisfy(change -> {
      assertThat(change.getChange()).isEqualTo(SegmentChangeType.ENTERED);
      assertThat(change.getReason()).isEqualTo(HistoryMode.ANNOUNCED);
      assertThat(change.getEventTime().toEpochMilli()).isEqualTo(201 * DAY);
      assertThat(change.getProfileVersion()).isEqualTo(ann.version);
    });
    assertThat(history.count(EngineMetric.HISTORY_MEMBERSHIPS_ANNOUNCED)).isEqualTo(1);

    int announced = history.segmentChanges.size();
    for (long day = 202; day < 300; day++) {
      history.processWatermark(day * DAY);
    }
    paid(history, 300 * DAY, 1_000);
    assertThat(history.count(EngineMetric.HISTORY_MEMBERSHIPS_ANNOUNCED)).as("once").isEqualTo(1);
    assertThat(history.segmentChanges.subList(announced, history.segmentChanges.size()))
        .as("live moves from then on").isNotEmpty()
        .noneMatch(change -> HistoryMode.ANNOUNCED.equals(change.getReason()));
  }
}
